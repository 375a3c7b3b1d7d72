import { argsortFloat64 } from './argsort.ts';
import { valueAt, type SortedValues } from './sorted-values.ts';

/**
 * Ranks 1..n of `values` with ties given their average rank (as pandas/scipy 'average').
 * A native numeric sort of a copy, then two binary searches per value for the first and last
 * position of its tie group (no comparator callbacks: those dominate in JS). O(n log n); returns
 * a new array aligned with the input. Values must be finite.
 */
export function averageRanks(values: Float64Array): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const first = lowerBound(sorted, v);
    const last = upperBound(sorted, v, first) - 1;
    ranks[i] = (first + last) / 2 + 1;
  }
  return ranks;
}

/**
 * First position of ascending values (an array, or counted values: {@link SortedValues}) whose
 * value is ≥ v (numpy searchsorted, side='left'). O(log n) reads.
 */
export function lowerBound(sorted: SortedValues, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (valueAt(sorted, mid) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position at or after `from` of ascending values whose value is > v (searchsorted 'right'). O(log n) reads. */
export function upperBound(sorted: SortedValues, v: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (valueAt(sorted, mid) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Precomputed order of a column for ranking many subsets of its rows: `order` lists row indices
 * by ascending value, and `runStart[k]` is 1 where sorted position k holds another value than
 * position k − 1 (1 at 0; the NaN rows at the end are one run). Built with one stable radix sort
 * (no comparator callbacks). O(n) once.
 */
export interface RankOrder {
  readonly order: Int32Array;
  readonly runStart: Uint8Array;
}

/* runStart[k] = 1 where the value at sorted position k differs from the one before (NaN ties NaN). */
function fillRuns(values: Float64Array, order: Int32Array, runStart: Uint8Array): void {
  let previous = NaN;
  for (let k = 0; k < order.length; k++) {
    const v = values[order[k] as number] as number;
    runStart[k] = k === 0 || (v !== previous && !(v !== v && previous !== previous)) ? 1 : 0;
    previous = v;
  }
}

/** The {@link RankOrder} of finite values (NaN rows are placed last but never ranked). O(n) (radix). */
export function rankOrder(values: Float64Array): RankOrder {
  const order = argsortFloat64(values);
  const runStart = new Uint8Array(values.length);
  fillRuns(values, order, runStart);
  return { order, runStart };
}

/**
 * Average ranks (1..m) of the rows where `keep[row]` is 1, in row order of those kept rows, from a
 * precomputed {@link RankOrder}: the ranks pandas would compute on that subset. O(n).
 */
export function subsetRanks({ order, runStart }: RankOrder, keep: Uint8Array): Float64Array {
  const rankOfRow = new Float64Array(order.length);
  const taken = rankRuns(order, runStart, keep, rankOfRow);
  return keptRanks(keep, rankOfRow, new Float64Array(taken));
}

/* Average rank of each row among the kept rows, run by run in `order`; how many are kept. */
function rankRuns(order: Int32Array, runStart: Uint8Array, keep: Uint8Array, rankOfRow: Float64Array): number {
  const n = order.length;
  let taken = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    let inRun = 0;
    do {
      inRun += keep[order[j] as number] as number;
      j++;
    } while (j < n && runStart[j] === 0);
    const rank = taken + (inRun + 1) / 2;
    for (let t = i; t < j; t++) rankOfRow[order[t] as number] = rank;
    taken += inRun;
    i = j;
  }
  return taken;
}

/* The kept rows' ranks in row order, into `out`. */
function keptRanks(keep: Uint8Array, rankOfRow: Float64Array, out: Float64Array): Float64Array {
  let o = 0;
  for (let row = 0; row < keep.length; row++) if (keep[row] === 1) out[o++] = rankOfRow[row] as number;
  return out;
}
