/*
 * Windows of rows for the data table: cells as display text, optionally in the order of one
 * column. Orders are computed without comparator callbacks and cached by the caller.
 */
import { rankOrder } from './stats/ranks.ts';
import type { Column, Table } from './table.ts';

export interface RowWindowRequest {
  readonly start: number;
  readonly count: number;
  readonly sort?: { readonly column: number; readonly descending: boolean };
}

export interface RowWindow {
  readonly total: number;
  readonly start: number;
  /** 1-based data row numbers of the rows returned. */
  readonly rowNumbers: readonly number[];
  /** Cell text by row then column; null for a missing cell. Numbers as `String(value)`. */
  readonly cells: readonly (readonly (string | null)[])[];
  /** Per column: its cells are numbers (written as `String(value)`), which the page may localise. */
  readonly numberColumns: readonly boolean[];
  /** Cluster of each returned row (null: not clustered), when clustering ran. */
  readonly clusters?: readonly (number | null)[];
}

/** Ascending order of a column's rows, missing cells last; descending keeps them last too. O(n log n). */
export function columnOrder(column: Column, descending: boolean): Int32Array {
  let values: Float64Array;
  if (column.kind === 'string') {
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    const byText = column.dictionary
      .map((_, i) => i)
      .sort((a, b) => collator.compare(column.dictionary[a] ?? '', column.dictionary[b] ?? ''));
    const rank = new Float64Array(column.dictionary.length);
    byText.forEach((code, position) => (rank[code] = position));
    values = Float64Array.from(column.codes, (code) => (code < 0 ? NaN : (rank[code] as number)));
  } else {
    values = column.values;
  }
  const { order } = rankOrder(values);
  if (!descending) return order;
  let present = 0;
  while (present < order.length && !Number.isNaN(values[order[present] as number])) present++;
  return Int32Array.from({ length: order.length }, (_, i) =>
    i < present ? (order[present - 1 - i] as number) : (order[i] as number),
  );
}

function cellText(column: Column, row: number): string | null {
  if (column.kind === 'string') {
    const code = column.codes[row] as number;
    return code < 0 ? null : (column.dictionary[code] ?? null);
  }
  const v = column.values[row] as number;
  if (Number.isNaN(v)) return null;
  if (column.kind === 'number') return String(v);
  const iso = new Date(v).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** The rows [start, start + count) of the table in `order` (file order when absent). O(count · columns). */
export function rowWindow(
  table: Table,
  request: RowWindowRequest,
  order?: Int32Array,
  labels?: Int32Array | null,
): RowWindow {
  const start = Math.max(0, Math.min(request.start, table.rowCount));
  const end = Math.min(table.rowCount, start + Math.max(0, Math.min(request.count, 1000)));
  const rows = Array.from({ length: end - start }, (_, i) =>
    order === undefined ? start + i : (order[start + i] as number),
  );
  return {
    total: table.rowCount,
    start,
    rowNumbers: rows.map((r) => r + 1),
    cells: rows.map((r) => table.columns.map((c) => cellText(c, r))),
    numberColumns: table.columns.map((c) => c.kind === 'number'),
    ...(labels == null ? {} : { clusters: rows.map((r) => ((labels[r] ?? -1) < 0 ? null : (labels[r] as number))) }),
  };
}
