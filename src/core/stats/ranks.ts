import { argsortFloat64 } from './sort.ts';
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
 * by ascending value, and `group[i]` is the same number for rows whose values tie. Built with one
 * stable radix sort (no comparator callbacks). O(n) once.
 */
export interface RankOrder {
  readonly order: Int32Array;
  readonly group: Int32Array;
}

/* group[row] = first sorted position of the row's value (n for NaN), walking rows in `order`. */
function fillGroups(values: Float64Array, order: Int32Array, group: Int32Array): void {
  const n = values.length;
  let runStart = 0;
  for (let k = 0; k < n; k++) {
    const row = order[k] as number;
    const v = values[row] as number;
    if (Number.isNaN(v)) group[row] = n;
    else {
      if (k > 0 && v !== values[order[k - 1] as number]) runStart = k;
      group[row] = runStart; // the first sorted position of the value, as a binary search would give
    }
  }
}

/** The {@link RankOrder} of finite values (NaN rows are placed last but never ranked). O(n) (radix). */
export function rankOrder(values: Float64Array): RankOrder {
  const order = argsortFloat64(values);
  const group = new Int32Array(values.length);
  fillGroups(values, order, group);
  return { order, group };
}

/**
 * Average ranks (1..m) of the rows where `keep[row]` is 1, in row order of those kept rows, from a
 * precomputed {@link RankOrder}: the ranks pandas would compute on that subset. O(n).
 */
export function subsetRanks({ order, group }: RankOrder, keep: Uint8Array): Float64Array {
  const rankOfRow = new Float64Array(order.length);
  const taken = rankGroups(order, group, keep, rankOfRow);
  return keptRanks(keep, rankOfRow, new Float64Array(taken));
}

/* Average rank of each row among the kept rows, group by group in `order`; how many are kept. */
function rankGroups(order: Int32Array, group: Int32Array, keep: Uint8Array, rankOfRow: Float64Array): number {
  let taken = 0;
  let i = 0;
  while (i < order.length) {
    const g = group[order[i] as number] as number;
    let j = i;
    let inGroup = 0;
    while (j < order.length && group[order[j] as number] === g) {
      inGroup += keep[order[j] as number] as number;
      j++;
    }
    const rank = taken + (inGroup + 1) / 2;
    for (let t = i; t < j; t++) rankOfRow[order[t] as number] = rank;
    taken += inGroup;
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
