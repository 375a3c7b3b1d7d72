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

/** First index of an ascending array whose value is ≥ v (numpy searchsorted, side='left'). O(log n). */
export function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* First index at or after `from` whose value is > v. */
function upperBound(sorted: Float64Array, v: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Precomputed order of a column for ranking many subsets of its rows: `order` lists row indices
 * by ascending value, and `group[i]` is the same number for rows whose values tie. Built with one
 * native sort and a counting sort (no comparator callbacks). O(n log n) once.
 */
export interface RankOrder {
  readonly order: Int32Array;
  readonly group: Int32Array;
}

/** The {@link RankOrder} of finite values (NaN rows are placed but never ranked). */
export function rankOrder(values: Float64Array): RankOrder {
  const n = values.length;
  const sorted = Float64Array.from(values).sort(); // NaN sorts last
  const group = new Int32Array(n);
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    const g = Number.isNaN(v) ? n : lowerBound(sorted, v);
    group[i] = g;
    counts[g] = (counts[g] as number) + 1;
  }
  let start = 0;
  for (let g = 0; g <= n; g++) {
    const c = counts[g] as number;
    counts[g] = start;
    start += c;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = group[i] as number;
    order[counts[g] as number] = i;
    counts[g] = (counts[g] as number) + 1;
  }
  return { order, group };
}

/**
 * Average ranks (1..m) of the rows where `keep[row]` is 1, in row order of those kept rows, from a
 * precomputed {@link RankOrder}: the ranks pandas would compute on that subset. O(n).
 */
export function subsetRanks({ order, group }: RankOrder, keep: Uint8Array): Float64Array {
  const rankOfRow = new Float64Array(order.length);
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
  const out = new Float64Array(taken);
  let o = 0;
  for (let row = 0; row < keep.length; row++) if (keep[row] === 1) out[o++] = rankOfRow[row] as number;
  return out;
}
