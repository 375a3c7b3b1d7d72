/*
 * Ascending finite values as the statistics read them: an array, or a counting sort's counts that
 * were never written out (CountedSorted). Both read position i with `at(i)`; ranks.ts's lowerBound
 * and upperBound search either.
 */
import type { CountedSorted } from './counting-sort.ts';

export type SortedValues = Float64Array | CountedSorted;

/** The value at position i (0 ≤ i < length). */
export function valueAt(sorted: SortedValues, i: number): number {
  return sorted.at(i) as number;
}
