import type { Alert } from '../core/profile/alerts.ts';
import { formatNumber, type Language } from './i18n.ts';

/** A numeric statistic of a column report's `stats` bag, or null when absent or undefined. */
export function numberStat(stats: Readonly<Record<string, unknown>>, key: string): number | null {
  const value = stats[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A share in [0, 1] as a percentage with one decimal, in the language's number format. */
export function formatShare(language: Language, share: number): string {
  return `${formatNumber(language, share * 100, 1)} %`;
}

/** A millisecond timestamp or ISO string as its UTC calendar date (YYYY-MM-DD). */
export function formatDate(value: number | string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().slice(0, 10);
}

/** Alerts per column name (alerts without a column are about the whole table and left out). */
export function alertsByColumn(alerts: readonly Alert[]): ReadonlyMap<string, readonly Alert[]> {
  const byColumn = new Map<string, Alert[]>();
  for (const alert of alerts) {
    if (alert.column === undefined) continue;
    byColumn.set(alert.column, [...(byColumn.get(alert.column) ?? []), alert]);
  }
  return byColumn;
}

/** The alert's rule, message and action in the UI language (the report carries both). */
export function alertTexts(alert: Alert, language: Language): { rule: string; message: string; action: string } {
  return language === 'es' ? alert.es : { rule: alert.rule, message: alert.message, action: alert.action };
}

/** A DOM id for a column's card: built from its position, since names may hold any character. */
export function columnCardId(index: number): string {
  return `column-card-${index}`;
}
