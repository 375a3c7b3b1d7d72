/*
 * UI strings in English and Spanish. Every key must exist in both (the type enforces it).
 * Placeholders are {name}; `t()` fills them.
 */
import { en } from './strings-en.ts';
import { es } from './strings-es.ts';

export type MessageKey = keyof typeof en;
export type Language = 'en' | 'es';

const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, es };

/** Picks Spanish for any `es-*` browser language, English otherwise. */
export function detectLanguage(languages: readonly string[]): Language {
  return languages.some((l) => l.toLowerCase().startsWith('es')) ? 'es' : 'en';
}

/** Looks up a string and fills {placeholders}. */
export function translate(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  return CATALOGS[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/**
 * Formats a number for the language: 1,234.56 in English, 1.234,56 in Spanish. Grouping is forced
 * on, since Spanish CLDR data leaves four-digit numbers ungrouped (1234,56), which users misread.
 * No sign on a zero: -0, and -0.001 shown to two decimals, read "0", not "-0".
 */
export function formatNumber(language: Language, value: number, maximumFractionDigits = 2): string {
  const text = new Intl.NumberFormat(language === 'es' ? 'es-ES' : 'en-US', {
    maximumFractionDigits,
    useGrouping: true,
  }).format(value);
  return /^-0(?:[.,]0+)?$/.test(text) ? text.slice(1) : text;
}

/**
 * A Data-tab number cell (`String(value)`, every digit kept) in the language: a decimal comma in
 * Spanish, no grouping (the cell shows the value as stored, not rounded), ±Infinity as ±∞.
 */
export function numberCellText(language: Language, text: string): string {
  const infinite = text.replace('Infinity', '∞');
  return language === 'es' ? infinite.replace('.', ',') : infinite;
}
