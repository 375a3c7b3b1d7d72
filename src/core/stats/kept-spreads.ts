/*
 * A column's mean and sum of squares about it over the rows a group of pairs keeps (every row but
 * the excluded ones), for the correlation matrices of pairwise.ts: by passes over the kept rows
 * (three columns per pass), in row order as pearson() sums them, or derived from the column's
 * spread over all its finite values when the caller knows it (the profile does).
 */

import { squaresAboutExactMean } from './moments.ts';

export interface Spread {
  readonly n: number;
  readonly mean: number;
  /** Σ(x − mean)² over the kept rows, in row order. */
  readonly sxx: number;
}

/* Neumaier sum (as compensatedSum) of the rows not in `excluded`, in row order. */
function keptSum(values: Float64Array, excluded: Int32Array): number {
  let sum = 0;
  let compensation = 0;
  let start = 0;
  for (let k = 0; k <= excluded.length; k++) {
    const end = k < excluded.length ? (excluded[k] as number) : values.length;
    for (let i = start; i < end; i++) {
      const v = values[i] as number;
      const t = sum + v;
      compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
      sum = t;
    }
    start = end + 1;
  }
  return sum + compensation;
}

/*
 * Σ(x − x̄)² of the rows not in `excluded`, in row order: summed about `mean` and corrected by the
 * deviations' own sum (squaresAboutExactMean), since `mean` is x̄ rounded to a double (1e16 + 9.6 is
 * held as 1e16 + 10, which added n · 0.4²).
 */
export function keptSquares(values: Float64Array, excluded: Int32Array, mean: number): number {
  let s1 = 0;
  let sxx = 0;
  let start = 0;
  for (let k = 0; k <= excluded.length; k++) {
    const end = k < excluded.length ? (excluded[k] as number) : values.length;
    for (let i = start; i < end; i++) {
      const d = (values[i] as number) - mean;
      s1 += d;
      sxx += d * d;
    }
    start = end + 1;
  }
  return squaresAboutExactMean(s1, sxx, values.length - excluded.length);
}

/* Mean and Σ(x − mean)² of the rows not in `excluded` (each loop in a function of its own: see sort.ts). */
function keptSpread(values: Float64Array, excluded: Int32Array): Spread {
  const n = values.length - excluded.length;
  const mean = keptSum(values, excluded) / n;
  return { n, mean, sxx: keptSquares(values, excluded, mean) };
}

/* keptSum of three columns in one pass, into out[0..2] (each sum as keptSum gives it). */
function keptSum3(a: Float64Array, b: Float64Array, c: Float64Array, excluded: Int32Array, out: Float64Array): void {
  let sa = 0;
  let ca = 0;
  let sb = 0;
  let cb = 0;
  let sc = 0;
  let cc = 0;
  let start = 0;
  for (let k = 0; k <= excluded.length; k++) {
    const end = k < excluded.length ? (excluded[k] as number) : a.length;
    for (let i = start; i < end; i++) {
      const u = a[i] as number;
      const v = b[i] as number;
      const w = c[i] as number;
      const ta = sa + u;
      const tb = sb + v;
      const tc = sc + w;
      ca += Math.abs(sa) >= Math.abs(u) ? sa - ta + u : u - ta + sa;
      cb += Math.abs(sb) >= Math.abs(v) ? sb - tb + v : v - tb + sb;
      cc += Math.abs(sc) >= Math.abs(w) ? sc - tc + w : w - tc + sc;
      sa = ta;
      sb = tb;
      sc = tc;
    }
    start = end + 1;
  }
  out[0] = sa + ca;
  out[1] = sb + cb;
  out[2] = sc + cc;
}

/* keptSquares of three columns about their means in one pass, into out[0..2]. */
function keptSquares3(
  [a, b, c]: readonly [Float64Array, Float64Array, Float64Array],
  excluded: Int32Array,
  [ma, mb, mc]: readonly [number, number, number],
  out: Float64Array,
): void {
  let [sa, sb, sc, da1, db1, dc1] = [0, 0, 0, 0, 0, 0];
  let start = 0;
  for (let k = 0; k <= excluded.length; k++) {
    const end = k < excluded.length ? (excluded[k] as number) : a.length;
    for (let i = start; i < end; i++) {
      const da = (a[i] as number) - ma;
      const db = (b[i] as number) - mb;
      const dc = (c[i] as number) - mc;
      da1 += da;
      db1 += db;
      dc1 += dc;
      sa += da * da;
      sb += db * db;
      sc += dc * dc;
    }
    start = end + 1;
  }
  const n = a.length - excluded.length;
  out[0] = squaresAboutExactMean(da1, sa, n);
  out[1] = squaresAboutExactMean(db1, sb, n);
  out[2] = squaresAboutExactMean(dc1, sc, n);
}

/** {@link keptSpread} of each of `columns`, three per pass: the same bits. */
function keptSpreads(columns: readonly Float64Array[], excluded: Int32Array): Spread[] {
  const spreads: Spread[] = [];
  const sums = new Float64Array(3);
  const squares = new Float64Array(3);
  let t = 0;
  for (; t + 3 <= columns.length; t += 3) {
    const three = columns.slice(t, t + 3) as [Float64Array, Float64Array, Float64Array];
    const n = three[0].length - excluded.length;
    keptSum3(...three, excluded, sums);
    const means = [(sums[0] as number) / n, (sums[1] as number) / n, (sums[2] as number) / n] as const;
    keptSquares3(three, excluded, means, squares);
    for (let u = 0; u < 3; u++) spreads.push({ n, mean: means[u] as number, sxx: squares[u] as number });
  }
  for (; t < columns.length; t++) spreads.push(keptSpread(columns[t] as Float64Array, excluded));
  return spreads;
}

/** A column's spread over all its finite values, when known (from its profile). */
export type KnownSpread = Spread;

/*
 * Kept rows whose SS below this share of the column's whole SS are recomputed, not derived: the
 * subtraction would cost more than ten bits.
 */
const DOWNDATE_MIN_SHARE = 1 / 1024;
/* A derived SS is used only when the error bound below stays under this share of it. */
const DOWNDATE_MAX_ERROR = 2 ** -42;

/* Σ(x − mean) and Σ(x − mean)² and how many, over the finite values at `rows`, into out[0..2]. */
function deviationsAt(values: Float64Array, rows: Int32Array, mean: number, out: Float64Array): void {
  let d1 = 0;
  let d2 = 0;
  let count = 0;
  for (let k = 0; k < rows.length; k++) {
    const v = values[rows[k] as number] as number;
    if (!Number.isFinite(v)) continue;
    const d = v - mean;
    d1 += d;
    d2 += d * d;
    count++;
  }
  out[0] = d1;
  out[1] = d2;
  out[2] = count;
}

/*
 * The spread of a column's kept rows from its whole spread, minus the excluded rows' share: with
 * D1, D2 their deviation sums about the whole mean and n_k the rows kept, the kept mean is
 * mean − D1 / n_k and SS_kept = SS − D2 − n_k (D1 / n_k)². O(excluded rows). That takes the
 * deviations about the whole mean to sum to 0; they sum to n times its rounding error instead
 * (at most |mean| · ε), which moves SS_kept by about (2 |D1 / n_k| + |mean| ε) · n · |mean| ε.
 * Undefined, for the caller to recompute, when that bound is not negligible (a large offset, as
 * 1e9 ± 1) or the kept rows hold too little of SS for the subtraction to stay exact enough.
 */
function downdatedSpread(values: Float64Array, excluded: Int32Array, whole: Spread): Spread | undefined {
  if (excluded.length === 0) return whole;
  const sums = new Float64Array(3);
  deviationsAt(values, excluded, whole.mean, sums);
  const [d1, d2, count] = sums as unknown as [number, number, number];
  const n = whole.n - count;
  const shift = d1 / n;
  const sxx = whole.sxx - d2 - n * shift * shift;
  const meanError = Math.abs(whole.mean) * Number.EPSILON;
  const bound = 2 * (2 * Math.abs(shift) + meanError) * whole.n * meanError;
  if (!(n >= 2 && sxx >= whole.sxx * DOWNDATE_MIN_SHARE && bound <= sxx * DOWNDATE_MAX_ERROR)) return undefined;
  return { n, mean: whole.mean - shift, sxx };
}

/*
 * The spreads of `used` columns over the kept rows: derived from their known whole spreads where
 * that stays exact enough, the others computed by passes (three columns per pass).
 */
export function groupSpreads(
  columns: readonly Float64Array[],
  used: readonly number[],
  excluded: Int32Array,
  known: readonly (KnownSpread | undefined)[],
): Map<number, Spread> {
  const spreads = new Map<number, Spread>();
  for (const c of used) {
    const whole = known[c];
    const derived = whole === undefined ? undefined : downdatedSpread(columns[c] as Float64Array, excluded, whole);
    if (derived !== undefined) spreads.set(c, derived);
  }
  const rest = used.filter((c) => !spreads.has(c));
  const computed = keptSpreads(
    rest.map((c) => columns[c] as Float64Array),
    excluded,
  );
  rest.forEach((c, k) => spreads.set(c, computed[k] as Spread));
  return spreads;
}
