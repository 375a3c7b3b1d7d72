/*
 * Correlation matrices on pairwise-complete rows without copying a pair's rows. A pair (i, j) uses
 * the rows where both columns are finite, so it excludes the union of their missing rows. Columns
 * that miss the same rows (often none at all) share that union, so pairs are grouped by it and
 * each column's mean and sum of squares about the mean are computed once per group; a pair then
 * costs one pass for its cross-products. Every sum runs over the same values in the same row order
 * as {@link pearson} on the copied rows, so the results are identical to it, bit for bit. A caller
 * that knows the columns' whole spreads (the profile does) spares those passes: a group's spreads
 * are then derived from the few rows it excludes.
 */
import { groupSpreads, keptSquares, type KnownSpread, type Spread } from './kept-spreads.ts';
import { compensatedSum } from './summation.ts';
import { subsetRanks, type RankOrder } from './ranks.ts';

const NO_ROWS = new Int32Array(0);

/** Rows (ascending) where `values` is NaN or ±Infinity. O(n). */
export function missingRows(values: Float64Array): Int32Array {
  const rows: number[] = [];
  pushMissing(values, rows);
  return Int32Array.from(rows);
}

function pushMissing(values: Float64Array, rows: number[]): void {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) rows.push(i);
}

function sameRows(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/* True when every row of `a` is in `b` (both ascending). */
function isSubset(a: Int32Array, b: Int32Array): boolean {
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const row = a[i] as number;
    while (j < b.length && (b[j] as number) < row) j++;
    if (j === b.length || b[j] !== row) return false;
  }
  return true;
}

/** The sorted union of two ascending row lists. O(|a| + |b|). */
export function unionRows(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : Infinity;
    const y = j < b.length ? (b[j] as number) : Infinity;
    out[n++] = Math.min(x, y);
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out.slice(0, n);
}

/** Column pairs (i < j) that exclude the same rows: the union of two columns' missing rows. */
export interface PairGroup {
  readonly pairs: readonly (readonly [number, number])[];
  /** Computes the excluded rows when the group is processed (unions are not all kept at once). */
  readonly excluded: () => Int32Array;
}

/**
 * Groups all pairs of `columns` by the rows they exclude. Columns with equal missing rows form a
 * class; a pair of classes excludes the larger one when one contains the other, else their union.
 * O(p² · m) for p columns with m missing rows each. `isComplete[c]`, when true, vouches that
 * column c has no NaN or ±Infinity (known from its profile): it is not scanned.
 */
export function groupPairs(columns: readonly Float64Array[], isComplete: readonly boolean[] = []): PairGroup[] {
  const classes: Int32Array[] = [];
  const classOf = columns.map((values, c) => {
    const rows = isComplete[c] === true ? NO_ROWS : missingRows(values);
    const found = classes.findIndex((c) => sameRows(c, rows));
    if (found >= 0) return found;
    classes.push(rows);
    return classes.length - 1;
  });
  const groups = new Map<string, { pairs: [number, number][]; excluded: () => Int32Array }>();
  for (let i = 0; i < columns.length; i++) {
    for (let j = i + 1; j < columns.length; j++) {
      const [a, b] = [Math.min(classOf[i] ?? 0, classOf[j] ?? 0), Math.max(classOf[i] ?? 0, classOf[j] ?? 0)];
      const rowsA = classes[a] as Int32Array;
      const rowsB = classes[b] as Int32Array;
      const single = a === b || isSubset(rowsA, rowsB) ? b : isSubset(rowsB, rowsA) ? a : -1;
      const key = single >= 0 ? `class ${single}` : `union ${a} ${b}`;
      let group = groups.get(key);
      if (group === undefined) {
        const excluded = single >= 0 ? () => classes[single] as Int32Array : () => unionRows(rowsA, rowsB);
        group = { pairs: [], excluded };
        groups.set(key, group);
      }
      group.pairs.push([i, j]);
    }
  }
  return [...groups.values()];
}

/* Σ(x − mx)(y − my) over the rows not in `excluded`, in row order. */
function keptCrossProducts(x: Float64Array, y: Float64Array, excluded: Int32Array, mx: number, my: number): number {
  let sxy = 0;
  let start = 0;
  for (let k = 0; k <= excluded.length; k++) {
    const end = k < excluded.length ? (excluded[k] as number) : x.length;
    for (let i = start; i < end; i++) sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
    start = end + 1;
  }
  return sxy;
}

/*
 * keptCrossProducts of x with y, z and w at once, into out[0..2]: one pass where x's deviation is
 * read once and the three sums run side by side. Each sum takes the same terms in the same order,
 * so the same bits.
 */
function keptCrossProducts3(
  x: Float64Array,
  [y, z, w]: readonly [Float64Array, Float64Array, Float64Array],
  excluded: Int32Array,
  mx: number,
  [my, mz, mw]: readonly [number, number, number],
  out: Float64Array,
): void {
  let sy = 0;
  let sz = 0;
  let sw = 0;
  let start = 0;
  for (let k = 0; k <= excluded.length; k++) {
    const end = k < excluded.length ? (excluded[k] as number) : x.length;
    for (let i = start; i < end; i++) {
      const dx = (x[i] as number) - mx;
      sy += dx * ((y[i] as number) - my);
      sz += dx * ((z[i] as number) - mz);
      sw += dx * ((w[i] as number) - mw);
    }
    start = end + 1;
  }
  out[0] = sy;
  out[1] = sz;
  out[2] = sw;
}

/* The pairs' second columns, by first column. */
function byFirstColumn(pairs: readonly (readonly [number, number])[]): Map<number, number[]> {
  const firsts = new Map<number, number[]>();
  for (const [i, j] of pairs) {
    const seconds = firsts.get(i);
    if (seconds === undefined) firsts.set(i, [j]);
    else seconds.push(j);
  }
  return firsts;
}

interface Centred {
  readonly values: Float64Array;
  readonly mean: number;
}

/**
 * Σ(x − mx)(y − my) over the rows not in `excluded` for every pair of a group, three pairs
 * sharing their first column per pass; `found(i, j, sxy)` gets each. Same bits as one
 * keptCrossProducts per pair.
 */
function groupCrossProducts(
  pairs: readonly (readonly [number, number])[],
  excluded: Int32Array,
  column: (c: number) => Centred,
  found: (i: number, j: number, sxy: number) => void,
): void {
  const three = new Float64Array(3);
  for (const [i, seconds] of byFirstColumn(pairs)) {
    const x = column(i);
    let t = 0;
    for (; t + 3 <= seconds.length; t += 3) {
      const [a, b, c] = seconds.slice(t, t + 3).map(column) as [Centred, Centred, Centred];
      keptCrossProducts3(x.values, [a.values, b.values, c.values], excluded, x.mean, [a.mean, b.mean, c.mean], three);
      for (let u = 0; u < 3; u++) found(i, seconds[t + u] as number, three[u] as number);
    }
    for (; t < seconds.length; t++) {
      const j = seconds[t] as number;
      const y = column(j);
      found(i, j, keptCrossProducts(x.values, y.values, excluded, x.mean, y.mean));
    }
  }
}

/* r from the pieces, exactly as pearson() finishes. */
function correlationOf(n: number, sx: Spread, sy: Spread, sxy: number): number {
  if (n < 2 || sx.sxx === 0 || sy.sxx === 0) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sx.sxx * sy.sxx)));
}

/**
 * Pearson's r of every pair of equally long columns on its pairwise-complete (finite) rows, as a
 * p×p row-major matrix (diagonal 1; NaN below 2 rows or for a constant side). Equal to
 * `pearson(pairwiseComplete(x, y))` bit for bit, unless `known` gives columns' spreads over all
 * their finite values (count, mean, Σ(x − mean)², from their profiles): those are then derived for
 * a pair's rows from the few rows it excludes, not recomputed (equal within about 1e-13).
 * O(p² · n) time, no per-pair copies. `isComplete` as in {@link groupPairs}.
 */
export function pearsonMatrix(
  columns: readonly Float64Array[],
  isComplete: readonly boolean[] = [],
  known: readonly (KnownSpread | undefined)[] = [],
): Float64Array {
  const p = columns.length;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) out[i * p + i] = 1;
  for (const group of groupPairs(columns, isComplete)) {
    const excluded = group.excluded();
    const spreads = groupSpreads(columns, [...new Set(group.pairs.flat())], excluded, known);
    const spreadOf = (c: number): Spread => spreads.get(c) as Spread;
    const column = (c: number): Centred => ({ values: columns[c] as Float64Array, mean: spreadOf(c).mean });
    groupCrossProducts(group.pairs, excluded, column, (i, j, sxy) => {
      out[i * p + j] = out[j * p + i] = correlationOf(spreadOf(i).n, spreadOf(i), spreadOf(j), sxy);
    });
  }
  return out;
}

interface RankedSpread extends Spread {
  readonly ranks: Float64Array;
}

function rankedSpread(order: RankOrder, keep: Uint8Array): RankedSpread {
  const ranks = subsetRanks(order, keep);
  const n = ranks.length;
  const mean = compensatedSum(ranks) / n;
  return { ranks, n, mean, sxx: keptSquares(ranks, NONE, mean) };
}

const NONE = new Int32Array(0);

/**
 * Spearman's ρ of every pair on its pairwise-complete rows, ranks recomputed on those rows (as
 * pandas): Pearson's r of the average ranks from each column's precomputed {@link RankOrder}.
 * Equal to `pearson(subsetRanks(oi, keep), subsetRanks(oj, keep))` bit for bit. A column is
 * ranked once per group of pairs that exclude the same rows. O(p² · n) after the orders.
 * `isComplete` as in {@link groupPairs}.
 */
export function spearmanMatrix(
  columns: readonly Float64Array[],
  orders: (c: number) => RankOrder,
  isComplete: readonly boolean[] = [],
): Float64Array {
  const p = columns.length;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) out[i * p + i] = 1;
  for (const group of groupPairs(columns, isComplete)) {
    const keep = new Uint8Array(columns[0]?.length ?? 0).fill(1);
    for (const row of group.excluded()) keep[row] = 0;
    const spreads = new Map<number, RankedSpread>();
    const spreadOf = (c: number): RankedSpread => {
      let s = spreads.get(c);
      if (s === undefined) {
        s = rankedSpread(orders(c), keep);
        spreads.set(c, s);
      }
      return s;
    };
    const column = (c: number): Centred => ({ values: spreadOf(c).ranks, mean: spreadOf(c).mean });
    groupCrossProducts(group.pairs, NONE, column, (i, j, sxy) => {
      out[i * p + j] = out[j * p + i] = correlationOf(spreadOf(i).n, spreadOf(i), spreadOf(j), sxy);
    });
  }
  return out;
}
