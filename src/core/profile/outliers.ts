import type { NumericStats } from '../stats/numeric-stats.ts';

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

/** Box-plot summary of an ascending array of finite values. O(n) for the whiskers. */
export function boxSummary(sorted: Float64Array, stats: NumericStats): BoxSummary {
  const low = stats.q25 - TUKEY_K * stats.iqr;
  const high = stats.q75 + TUKEY_K * stats.iqr;
  let lowerWhisker = NaN;
  let upperWhisker = NaN;
  for (const v of sorted) {
    if (v >= low) {
      lowerWhisker = v;
      break;
    }
  }
  for (let i = sorted.length - 1; i >= 0; i--) {
    const v = sorted[i] as number;
    if (v <= high) {
      upperWhisker = v;
      break;
    }
  }
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

/**
 * Tukey (1.5·IQR) and robust z-score (MAD) outliers of a column in row order; ±Infinity and NaN
 * cells are not values and are skipped. O(n).
 */
export function findOutliers(values: Float64Array, stats: NumericStats): OutlierSummary {
  const tukeyLow = stats.q25 - TUKEY_K * stats.iqr;
  const tukeyHigh = stats.q75 + TUKEY_K * stats.iqr;
  const hasMad = stats.mad > 0;
  let tukeyCount = 0;
  let robust = 0;
  const examples: { row: number; value: number }[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < tukeyLow || v > tukeyHigh) {
      tukeyCount++;
      if (examples.length < MAX_EXAMPLES) examples.push({ row: i + 1, value: v });
    }
    if (hasMad && Math.abs((ROBUST_Z_FACTOR * (v - stats.median)) / stats.mad) > ROBUST_Z_THRESHOLD) robust++;
  }
  return { tukeyLow, tukeyHigh, tukeyCount, robustZCount: hasMad ? robust : null, examples };
}
