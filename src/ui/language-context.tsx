import { createContext, useContext } from 'react';
import { translate, type Language, type MessageKey } from './i18n.ts';

export const LanguageContext = createContext<Language>('en');

/** The current language and a translator bound to it. */
export function useTranslation(): {
  language: Language;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
} {
  const language = useContext(LanguageContext);
  return { language, t: (key, values) => translate(language, key, values) };
}
