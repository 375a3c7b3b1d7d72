import type { NumericStats } from '../stats/numeric-stats.ts';
import { valueAt, type SortedValues } from '../stats/sorted-values.ts';

/** Tukey's fences are this many IQRs beyond the quartiles. */
export const TUKEY_K = 1.5;
/** Iglewicz–Hoaglin: |0.6745·(x − median)/MAD| above this is an outlier. */
export const ROBUST_Z_THRESHOLD = 3.5;
const ROBUST_Z_FACTOR = 0.6745;
const MAX_EXAMPLES = 5;

/** A five-number summary with Tukey whiskers, for box plots. */
export interface BoxSummary {
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  /** The most extreme values within the fences. */
  readonly lowerWhisker: number;
  readonly upperWhisker: number;
}

export interface OutlierSummary {
  readonly tukeyLow: number;
  readonly tukeyHigh: number;
  /** Values strictly outside the fences. */
  readonly tukeyCount: number;
  /** |robust z| > 3.5; null when the MAD is 0 (the score is undefined). */
  readonly robustZCount: number | null;
  /** 1-based data rows of the first Tukey outliers, in file order. */
  readonly examples: readonly { readonly row: number; readonly value: number }[];
}

/**
 * Box-plot summary of ascending finite values. The whiskers are the first value ≥ the low fence
 * and the last ≤ the high one (NaN when there is none), found by binary search. O(log n).
 */
export function boxSummary(sorted: SortedValues, stats: NumericStats): BoxSummary {
  const low = stats.q25 - TUKEY_K * stats.iqr;
  const high = stats.q75 + TUKEY_K * stats.iqr;
  const n = sorted.length;
  const at = (i: number): number => valueAt(sorted, i);
  const first = firstTrue(0, n, (i) => at(i) >= low);
  const afterLast = firstTrue(0, n, (i) => !(at(i) <= high));
  const lowerWhisker = first < n ? at(first) : NaN;
  const upperWhisker = afterLast > 0 ? at(afterLast - 1) : NaN;
  return {
    min: stats.min,
    q1: stats.q25,
    median: stats.median,
    q3: stats.q75,
    max: stats.max,
    lowerWhisker,
    upperWhisker,
  };
}

/* First index in [from, to) where a predicate, false then true along the range, holds (else `to`). */
function firstTrue(from: number, to: number, holds: (i: number) => boolean): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/*
 * Tukey and robust-z counts from the ascending finite values: both tests are monotone in the value
 * on each side (below the low fence / above the high one; |z| grows away from the median), so each
 * count is a prefix or suffix found by binary search with the very comparison of the row scan.
 */
function countOutliersSorted(sorted: SortedValues, stats: NumericStats, low: number, high: number) {
  const n = sorted.length;
  const at = (i: number): number => valueAt(sorted, i);
  const tukeyCount = firstTrue(0, n, (i) => !(at(i) < low)) + (n - firstTrue(0, n, (i) => at(i) > high));
  const isRobustOutlier = (v: number): boolean =>
    Math.abs((ROBUST_Z_FACTOR * (v - stats.median)) / stats.mad) > ROBUST_Z_THRESHOLD;
  const split = firstTrue(0, n, (i) => !(at(i) < stats.median));
  const robust =
    firstTrue(0, split, (i) => !isRobustOutlier(at(i))) + (n - firstTrue(split, n, (i) => isRobustOutlier(at(i))));
  return { tukeyCount, robust };
}

/**
 * Tukey (1.5·IQR) and robust z-score (MAD) outliers of a column in row order; ±Infinity and NaN
 * cells are not values and are skipped. O(n); with `sorted` (the column's finite values,
 * ascending) the counts take O(log n) and the row scan stops at the last example.
 */
export function findOutliers(values: Float64Array, stats: NumericStats, sorted?: SortedValues): OutlierSummary {
  const tukeyLow = stats.q25 - TUKEY_K * stats.iqr;
  const tukeyHigh = stats.q75 + TUKEY_K * stats.iqr;
  const hasMad = stats.mad > 0;
  const counted = sorted === undefined ? undefined : countOutliersSorted(sorted, stats, tukeyLow, tukeyHigh);
  const wanted = counted === undefined ? Infinity : Math.min(MAX_EXAMPLES, counted.tukeyCount);
  let tukeyCount = 0;
  let robust = 0;
  const examples: { row: number; value: number }[] = [];
  for (let i = 0; i < values.length && examples.length < wanted; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < tukeyLow || v > tukeyHigh) {
      tukeyCount++;
      if (examples.length < MAX_EXAMPLES) examples.push({ row: i + 1, value: v });
    }
    if (hasMad && Math.abs((ROBUST_Z_FACTOR * (v - stats.median)) / stats.mad) > ROBUST_Z_THRESHOLD) robust++;
  }
  if (counted !== undefined) ({ tukeyCount, robust } = counted);
  return { tukeyLow, tukeyHigh, tukeyCount, robustZCount: hasMad ? robust : null, examples };
}
