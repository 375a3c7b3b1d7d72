import { valueAt, type SortedValues } from './sorted-values.ts';

/**
 * The p-quantile (0 ≤ p ≤ 1) of an ascending array by linear interpolation between closest ranks:
 * h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌈h⌉] − x[⌊h⌋]). This is pandas' and numpy's default
 * ('linear'), R's type 7 and Excel's PERCENTILE.INC. NaN for an empty array. O(1).
 */
export function quantileSorted(sorted: SortedValues, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = valueAt(sorted, lo);
  const b = valueAt(sorted, hi);
  const fraction = h - lo;
  if (fraction === 0 || a === b) return a;
  // numpy's _lerp, bit for bit: from the nearer end, so results stay within [a, b] and match pandas.
  return fraction < 0.5 ? a + (b - a) * fraction : b - (b - a) * (1 - fraction);
}

/** Median of an ascending array (the 0.5 quantile). */
export function medianSorted(sorted: SortedValues): number {
  return quantileSorted(sorted, 0.5);
}

/** Number of distinct values of an ascending array; -0 and 0 count as one, as in pandas. O(n). */
export function countDistinctSorted(sorted: Float64Array): number {
  if (sorted.length === 0) return 0;
  let distinct = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}
