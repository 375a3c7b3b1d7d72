/*
 * Ascending finite values as the statistics read them: an array, or a counting sort's counts that
 * were never written out (CountedSorted). Both read position i with `at(i)`; the searches below
 * work on either, with the comparisons of ranks.ts's lowerBound and upperBound.
 */
import type { CountedSorted } from './counting-sort.ts';

export type SortedValues = Float64Array | CountedSorted;

/** The value at position i (0 ≤ i < length). */
export function valueAt(sorted: SortedValues, i: number): number {
  return sorted.at(i) as number;
}

/** First position whose value is ≥ v (numpy searchsorted, side='left'). O(log n) reads. */
export function lowerBoundOf(sorted: SortedValues, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (valueAt(sorted, mid) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position at or after `from` whose value is > v (searchsorted, side='right'). O(log n) reads. */
export function upperBoundOf(sorted: SortedValues, v: number, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (valueAt(sorted, mid) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
