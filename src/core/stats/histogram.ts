import { valueAt, type SortedValues } from './sorted-values.ts';

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

function rescaled(sorted: SortedValues, iqr: number, factor: number): Histogram {
  const array = sorted instanceof Float64Array ? sorted : sorted.toArray();
  const scaled = histogramSorted(
    array.map((v) => v * factor),
    iqr * factor,
  );
  return { ...scaled, edges: scaled.edges.map((e) => e / factor) };
}

/**
 * Histogram of the finite values of an ascending array with numpy's 'auto' rule (capped at
 * {@link MAX_HISTOGRAM_BINS} bins) and equal-width edges from min to max. O(bins · log n).
 */
export function histogramSorted(sorted: SortedValues, iqr: number): Histogram {
  const n = sorted.length;
  if (n === 0) return { edges: [], counts: [], rule: 'numpy-auto' };
  const min = valueAt(sorted, 0);
  const max = valueAt(sorted, n - 1);
  if (min === max) return { edges: [min - 0.5, max + 0.5], counts: [n], rule: 'single-value' };
  // A range beyond the largest double, or a width below the smallest one (subnormal data), is
  // binned at a power-of-two scale where it fits; scaling by 2^k is exact.
  if (!Number.isFinite(max - min)) return rescaled(sorted, iqr, 0.5);
  const bins = autoBinCount(n, min, max, iqr);
  const width = (max - min) / bins;
  if (width === 0) return rescaled(sorted, iqr, 2 ** 600);
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * width));
  // As numpy: bin i holds edges[i] ≤ v < edges[i + 1] (the last one its right edge too). The index
  // from the arithmetic can miss by one next to an edge (1.4 − 0.4 < 1.0), so it is checked
  // against the edges. binOf is then monotone in the value, so each bin is a run of the sorted
  // array: find where each run starts by binary search instead of binning all n.
  const range = max - min;
  const binOf = (v: number): number => {
    let bin = Math.min(bins - 1, Math.trunc(((v - min) / range) * bins));
    if (v < (edges[bin] as number)) bin--;
    else if (bin < bins - 1 && v >= (edges[bin + 1] as number)) bin++;
    return bin;
  };
  const counts = new Array<number>(bins).fill(0);
  let start = 0;
  while (start < n) {
    const bin = binOf(valueAt(sorted, start));
    let lo = start + 1;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (binOf(valueAt(sorted, mid)) === bin) lo = mid + 1;
      else hi = mid;
    }
    counts[bin] = lo - start;
    start = lo;
  }
  return { edges, counts, rule: 'numpy-auto' };
}
