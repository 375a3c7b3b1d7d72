import { detectLanguage, type Language } from './i18n.ts';

const LANGUAGE_KEY = 'smartdata.language';

/** The remembered language, else the browser's. Only preferences are ever stored, never data. */
export function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(LANGUAGE_KEY);
    if (stored === 'en' || stored === 'es') return stored;
  } catch {
    // Storage can be denied (sandboxed iframes, privacy modes): fall through to the browser's.
  }
  return detectLanguage(navigator.languages);
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Not remembering a preference is harmless.
  }
}
