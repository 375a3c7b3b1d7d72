import type { Column, StringColumn } from './table.ts';

export type ColumnType = 'integer' | 'numeric' | 'boolean' | 'datetime' | 'categorical' | 'text';
export type ColumnFlag = 'id' | 'constant' | 'numbersAsText' | 'mixed' | 'empty';

/** The per-column facts every later stage builds on. */
export interface ColumnSummary {
  readonly name: string;
  readonly type: ColumnType;
  /** Non-missing cells. */
  readonly count: number;
  readonly missing: number;
  readonly distinct: number;
  readonly flags: readonly ColumnFlag[];
}

/** Text columns with at most this many distinct values, or this share of count, are categorical. */
export const CATEGORICAL_MAX_DISTINCT = 50;
export const CATEGORICAL_MAX_DISTINCT_SHARE = 0.5;
/** A text column whose non-missing cells are numbers at least this often is "numbers as text". */
export const NUMBERS_AS_TEXT_SHARE = 0.9;
/** A column is called an identifier only from this many rows on: tiny tables are unique by chance. */
export const ID_MIN_ROWS = 10;

const BOOLEAN_TOKENS = new Set(['true', 'false', 'yes', 'no', 'sí', 'si', 'verdadero', 'falso']);

function countNumbers(values: Float64Array): { count: number; distinct: number; isInteger: boolean } {
  const seen = new Set<number>();
  let count = 0;
  let isInteger = true;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    count++;
    seen.add(v === 0 ? 0 : v); // -0 and 0 are one value, as in pandas
    if (isInteger && !Number.isInteger(v)) isInteger = false;
  }
  return { count, distinct: seen.size, isInteger };
}

function countCodes(column: StringColumn): number {
  let count = 0;
  for (const code of column.codes) if (code >= 0) count++;
  return count;
}

function stringType(column: StringColumn, count: number): ColumnType {
  const distinct = column.dictionary.length;
  if (distinct <= 2 && column.dictionary.every((v) => BOOLEAN_TOKENS.has(v.trim().toLowerCase()))) return 'boolean';
  if (distinct <= CATEGORICAL_MAX_DISTINCT || distinct <= CATEGORICAL_MAX_DISTINCT_SHARE * count) return 'categorical';
  return 'text';
}

/**
 * Counts and classifies one column (first-pass rule; the profiler refines it):
 * numbers → `integer` when every finite value is whole, else `numeric`; spreadsheet dates →
 * `datetime`; text → `boolean` (two true/false-like values), `categorical` (≤ 50 distinct values or
 * ≤ half the count), else `text`. O(n) time, O(distinct) memory.
 */
export function summarizeColumn(column: Column, rowCount: number): ColumnSummary {
  let count: number;
  let distinct: number;
  let type: ColumnType;
  const flags: ColumnFlag[] = [];
  if (column.kind === 'string') {
    count = countCodes(column);
    distinct = column.dictionary.length;
    type = stringType(column, count);
    const share = count === 0 ? 0 : column.numericCells / count;
    if (share >= NUMBERS_AS_TEXT_SHARE) flags.push('numbersAsText');
    else if (share > 0) flags.push('mixed');
  } else {
    const counted = countNumbers(column.values);
    count = counted.count;
    distinct = counted.distinct;
    type = column.kind === 'date' ? 'datetime' : counted.isInteger ? 'integer' : 'numeric';
  }
  if (count === 0) flags.push('empty');
  if (distinct === 1) flags.push('constant');
  if (count >= ID_MIN_ROWS && distinct === count && count === rowCount && (type === 'integer' || type === 'text')) {
    flags.push('id');
  }
  return { name: column.name, type, count, missing: rowCount - count, distinct, flags };
}
