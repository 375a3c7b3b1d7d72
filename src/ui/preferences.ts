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

const THEME_KEY = 'smartdata.theme';
export type Theme = 'system' | 'light' | 'dark';

/** The remembered theme (a preference, never data), else the system's. */
export function initialTheme(): Theme {
  try {
    const stored = localStorage.getItem(THEME_KEY);
    if (stored === 'light' || stored === 'dark') return stored;
  } catch {
    // Storage can be denied: follow the system.
  }
  return 'system';
}

/** Applies a theme to the page and remembers it. */
export function applyTheme(theme: Theme, remember: boolean): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  if (!remember) return;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Not remembering a preference is harmless.
  }
}
