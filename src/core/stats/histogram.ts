/** Equal-width bins: `edges` has one more entry than `counts`; the last bin includes its right edge. */
export interface Histogram {
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  /** How the bin width was chosen. */
  readonly rule: 'numpy-auto' | 'single-value';
}

/** More bins than this are merged: a chart cannot show them. */
export const MAX_HISTOGRAM_BINS = 100;

/*
 * numpy's 'auto' bin width: the smaller of Sturges' (range / (log2 n + 1)) and Freedman–Diaconis'
 * (2·IQR·n^(−1/3)); Sturges alone when the IQR is 0.
 */
function autoBinCount(n: number, min: number, max: number, iqr: number): number {
  const range = max - min;
  const sturges = range / (Math.log2(n) + 1);
  const fd = 2 * iqr * n ** (-1 / 3);
  const width = fd > 0 ? Math.min(sturges, fd) : sturges;
  return Math.max(1, Math.min(MAX_HISTOGRAM_BINS, Math.ceil(range / width)));
}

/**
 * Histogram of the finite values of an ascending array with numpy's 'auto' rule (capped at
 * {@link MAX_HISTOGRAM_BINS} bins) and equal-width edges from min to max. O(n).
 */
export function histogramSorted(sorted: Float64Array, iqr: number): Histogram {
  const n = sorted.length;
  if (n === 0) return { edges: [], counts: [], rule: 'numpy-auto' };
  const min = sorted[0] as number;
  const max = sorted[n - 1] as number;
  if (min === max) return { edges: [min - 0.5, max + 0.5], counts: [n], rule: 'single-value' };
  const bins = autoBinCount(n, min, max, iqr);
  const width = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * width));
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const bin = Math.min(bins - 1, Math.floor(((sorted[i] as number) - min) / width));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return { edges, counts, rule: 'numpy-auto' };
}
