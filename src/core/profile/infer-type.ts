/*
 * The type rule, in one place (documented in README):
 *  - numbers → `integer` when every finite value is whole, else `numeric`;
 *  - spreadsheet dates, and text of which ≥ 95% of distinct values read as dates → `datetime`;
 *  - text whose distinct values are all true/false words (≤ 2 of them) → `boolean`;
 *  - other text → `categorical` when it has ≤ 50 distinct values or ≤ half as many as cells,
 *    else `text`.
 * Readings a user may prefer are offered as `alternatives` (years and small codes stay integers
 * but can be switched to datetime or categorical), never forced.
 */
import type { Column, StringColumn } from '../table.ts';
import { readDateColumn, type DateColumnReading } from './datetime-text.ts';

export type ColumnType = 'integer' | 'numeric' | 'boolean' | 'datetime' | 'categorical' | 'text';
export const COLUMN_TYPES: readonly ColumnType[] = ['integer', 'numeric', 'boolean', 'datetime', 'categorical', 'text'];

export const CATEGORICAL_MAX_DISTINCT = 50;
export const CATEGORICAL_MAX_DISTINCT_SHARE = 0.5;
/** Share of distinct text values that must read as dates for a `datetime` guess. */
export const DATE_MIN_SHARE = 0.95;
/** Integer columns with at most this many distinct values are offered as categorical. */
export const SMALL_CODE_MAX_DISTINCT = 20;

const TRUE_WORDS = ['true', 'yes', 'sí', 'si', 'verdadero', 't', 'y', 's'];
const FALSE_WORDS = ['false', 'no', 'falso', 'f', 'n'];
const BOOLEAN_WORDS = new Set([...TRUE_WORDS, ...FALSE_WORDS]);

/** True / false / undefined for a boolean word (case and surrounding spaces ignored). */
export function booleanWord(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  return undefined;
}

export interface TypeGuess {
  readonly type: ColumnType;
  readonly alternatives: readonly ColumnType[];
  /** The date reading that made a text column `datetime`, so it is not parsed twice. */
  readonly dates?: DateColumnReading;
}

/* Adds `v` to the first `size` entries of `seen` unless present (=== , so -0 equals 0); the new size. */
function addDistinct(seen: Float64Array, size: number, v: number): number {
  for (let i = 0; i < size; i++) if (seen[i] === v) return size;
  seen[size] = v;
  return size + 1;
}

/* [isInteger, isYearLike, isBinary, distinct values up to SMALL_CODE_MAX_DISTINCT + 1] of the finite values. */
function scanNumbers(values: Float64Array): Int32Array {
  let isInteger = 1;
  let isYearLike = 1;
  let isBinary = 1;
  // Distinct values up to one past the small-code limit, in a short array: a Set costs a hash per cell.
  const seen = new Float64Array(SMALL_CODE_MAX_DISTINCT + 1);
  let distinct = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (!Number.isInteger(v)) {
      isInteger = 0;
      break; // a fraction settles `numeric`, whatever the other cells hold
    }
    if (isYearLike === 1 && !(v >= 1000 && v <= 9999)) isYearLike = 0;
    if (isBinary === 1 && v !== 0 && v !== 1) isBinary = 0;
    if (distinct <= SMALL_CODE_MAX_DISTINCT) distinct = addDistinct(seen, distinct, v);
  }
  return Int32Array.of(isInteger, isYearLike, isBinary, distinct);
}

/** What a number column's guess rests on, about its finite values. */
export interface NumberFacts {
  /** Every finite value is whole (true when there is none). */
  readonly isInteger: boolean;
  /** Every finite value lies in 1000..9999 (read only for whole values). */
  readonly isYearLike: boolean;
  /** Every finite value is 0 or 1 (read only for whole values). */
  readonly isBinary: boolean;
  /** Distinct finite values (-0 equals 0); exact up to SMALL_CODE_MAX_DISTINCT + 1 at least. */
  readonly distinct: number;
}

/** The type guess of a number column from the facts of its finite values (see the rule above). */
export function numberGuessOf({ isInteger, isYearLike, isBinary, distinct }: NumberFacts): TypeGuess {
  if (!isInteger || distinct === 0) return { type: isInteger ? 'integer' : 'numeric', alternatives: [] };
  const alternatives: ColumnType[] = [];
  if (isBinary) alternatives.push('boolean');
  if (isYearLike) alternatives.push('datetime');
  if (distinct <= SMALL_CODE_MAX_DISTINCT) alternatives.push('categorical');
  return { type: 'integer', alternatives };
}

function numberGuess(values: Float64Array): TypeGuess {
  const scan = scanNumbers(values);
  return numberGuessOf({
    isInteger: scan[0] === 1,
    isYearLike: scan[1] === 1,
    isBinary: scan[2] === 1,
    distinct: scan[3] as number,
  });
}

function stringGuess(column: StringColumn, count: number): TypeGuess {
  const { dictionary } = column;
  const distinct = dictionary.length;
  if (distinct > 0 && distinct <= 2 && dictionary.every((v) => BOOLEAN_WORDS.has(v.trim().toLowerCase()))) {
    return { type: 'boolean', alternatives: ['categorical'] };
  }
  const mostlyNumbers = count > 0 && column.numericCells >= 0.9 * count;
  const dates = mostlyNumbers || distinct === 0 ? undefined : readDateColumn(dictionary, DATE_MIN_SHARE);
  if (dates !== undefined) return { type: 'datetime', alternatives: ['categorical', 'text'], dates };
  const isCategorical = distinct <= CATEGORICAL_MAX_DISTINCT || distinct <= CATEGORICAL_MAX_DISTINCT_SHARE * count;
  const alternatives: ColumnType[] = [isCategorical ? 'text' : 'categorical'];
  if (mostlyNumbers) alternatives.unshift('numeric');
  return { type: isCategorical ? 'categorical' : 'text', alternatives };
}

/** Guesses a column's type by the rule above. O(n) for numbers, O(distinct) for text. */
export function inferType(column: Column, count: number): TypeGuess {
  if (column.kind === 'date') return { type: 'datetime', alternatives: ['categorical'] };
  if (column.kind === 'number') return numberGuess(column.values);
  return stringGuess(column, count);
}
