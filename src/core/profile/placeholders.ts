/*
 * Placeholder values in a numeric or date column (-999, 9999, 1900-01-01 and the like, listed in
 * alert-rules.ts): the most frequent one and how many cells hold it. Counted on the column's
 * sorted values by binary search, so no row is scanned; only a tie between two placeholders needs
 * the rows, to give it to the one that occurs first.
 */
import { lowerBound, upperBound } from '../stats/ranks.ts';
import { valueAt, type SortedValues } from '../stats/sorted-values.ts';
import { SENTINEL_DATES, SENTINEL_NUMBERS } from './alert-rules.ts';

export interface Placeholder {
  /** The value (a number, or a date as milliseconds since the epoch). */
  readonly value: number;
  readonly cells: number;
}

const DATE_TARGETS: readonly number[] = SENTINEL_DATES.map((d) => Date.parse(`${d}T00:00:00Z`));
const DAY_MS = 86_400_000;

/* The first of `candidates` met in row order (a loop alone in its function: see stats/sort.ts). */
function firstOccurring(values: Float64Array, candidates: Float64Array): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    for (let t = 0; t < candidates.length; t++) if (v === candidates[t]) return v;
  }
  return NaN;
}

/**
 * The most frequent placeholder among a column's values (ties go to the one seen first in row
 * order), or undefined when none occurs. A placeholder whose predecessor and successor (by 1, or
 * by a day) both occur is not one. `sorted`: its finite values, ascending; `rowValues`: its
 * values in row order, asked for only on a tie. O(t log n) for t placeholders, plus O(n) on a tie.
 */
export function findPlaceholder(
  sorted: SortedValues,
  rowValues: () => Float64Array,
  isDate: boolean,
): Placeholder | undefined {
  let best: number[] = [];
  let cells = 0;
  const step = isDate ? DAY_MS : 1;
  const occurs = (v: number): boolean => {
    const at = lowerBound(sorted, v);
    return at < sorted.length && valueAt(sorted, at) === v;
  };
  for (const target of isDate ? DATE_TARGETS : SENTINEL_NUMBERS) {
    const from = lowerBound(sorted, target);
    const count = upperBound(sorted, target, from) - from;
    if (count === 0 || count < cells) continue;
    // Inside a run of consecutive values (999 among 998 and 1000, a day among its neighbours) it is
    // part of the data, as in an id column or a daily series, not a placeholder.
    if (occurs(target - step) && occurs(target + step)) continue;
    if (count > cells) best = [];
    best.push(target);
    cells = count;
  }
  if (cells === 0) return undefined;
  const value = best.length === 1 ? (best[0] as number) : firstOccurring(rowValues(), Float64Array.from(best));
  return { value, cells };
}
