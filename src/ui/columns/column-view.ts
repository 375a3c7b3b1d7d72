import type { ColumnType } from '../../core/profile/infer-type.ts';
import type { ColumnReport } from '../../core/report.ts';

export type ColumnSort = 'position' | 'name' | 'missing' | 'alerts';
export const COLUMN_SORTS: readonly ColumnSort[] = ['position', 'name', 'missing', 'alerts'];

/** What the controls above the column cards select. */
export interface ColumnCriteria {
  readonly search: string;
  readonly type: ColumnType | 'all';
  readonly hasAlertsOnly: boolean;
  readonly sort: ColumnSort;
}

export const DEFAULT_CRITERIA: ColumnCriteria = { search: '', type: 'all', hasAlertsOnly: false, sort: 'position' };

/** A column with its position in the report (its stable identity) and facts the sorts use. */
export interface ColumnEntry {
  readonly index: number;
  readonly column: ColumnReport;
  readonly missingShare: number;
  readonly alertCount: number;
}

function matches(entry: ColumnEntry, criteria: ColumnCriteria, needle: string): boolean {
  if (criteria.type !== 'all' && entry.column.type !== criteria.type) return false;
  if (criteria.hasAlertsOnly && entry.alertCount === 0) return false;
  return needle === '' || entry.column.name.toLocaleLowerCase().includes(needle);
}

function compare(sort: ColumnSort): (a: ColumnEntry, b: ColumnEntry) => number {
  const byPosition = (a: ColumnEntry, b: ColumnEntry): number => a.index - b.index;
  if (sort === 'name') return (a, b) => a.column.name.localeCompare(b.column.name) || byPosition(a, b);
  if (sort === 'missing') return (a, b) => b.missingShare - a.missingShare || byPosition(a, b);
  if (sort === 'alerts') return (a, b) => b.alertCount - a.alertCount || byPosition(a, b);
  return byPosition;
}

/** The columns the criteria keep, in the chosen order. O(n log n). */
export function selectColumns(
  columns: readonly ColumnReport[],
  rows: number,
  alertCounts: ReadonlyMap<string, number>,
  criteria: ColumnCriteria,
): ColumnEntry[] {
  const needle = criteria.search.trim().toLocaleLowerCase();
  return columns
    .map((column, index) => ({
      index,
      column,
      missingShare: rows === 0 ? 0 : column.missing / rows,
      alertCount: alertCounts.get(column.name) ?? 0,
    }))
    .filter((entry) => matches(entry, criteria, needle))
    .sort(compare(criteria.sort));
}
