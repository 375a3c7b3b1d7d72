import { medianSorted, quantileSorted } from './quantiles.ts';
import { lowerBound, upperBound } from './ranks.ts';
import { CountedSorted, type CountedSums } from './counting-sort.ts';
import { valueAt, type SortedValues } from './sorted-values.ts';
import { argsortFloat64 } from './argsort.ts';
import { sortScanned, sortScannedView } from './sort.ts';
import { centredSums } from './moments.ts';

/** Descriptive statistics of a numeric column, with pandas' definitions (see each field). */
export interface NumericStats {
  /** Finite values used. */
  readonly count: number;
  /** ±Infinity cells: excluded from every statistic, counted here. */
  readonly infinite: number;
  /** Distinct finite values (-0 equals 0). */
  readonly distinct: number;
  readonly sum: number;
  readonly mean: number;
  /** Sample variance and standard deviation (n − 1 denominator, pandas' ddof=1). */
  readonly var: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
  /** Quantiles by linear interpolation (pandas default, Excel PERCENTILE.INC). */
  readonly q05: number;
  readonly q25: number;
  readonly median: number;
  readonly q75: number;
  readonly q95: number;
  readonly iqr: number;
  /** Median absolute deviation from the median, unscaled: median(|x − median(x)|). */
  readonly mad: number;
  /** Coefficient of variation std / mean (NaN when the mean is 0). */
  readonly cv: number;
  /** Adjusted Fisher–Pearson skewness G1, as pandas `skew` (NaN below 3 values). */
  readonly skewness: number;
  /** Excess kurtosis G2, as pandas `kurt` (NaN below 4 values). */
  readonly kurtosis: number;
  readonly zeros: number;
  readonly negatives: number;
}

/* The finite values copied to the front of `buffer` (or a new array) and what scanFinite learns of them. */
function finiteCopy(values: Float64Array, buffer: Float64Array | undefined) {
  const out = buffer !== undefined && buffer.length >= values.length ? buffer : new Float64Array(values.length);
  const facts = new Float64Array(4);
  const n = scanFinite(values, out, facts);
  const [infinite, isWhole, min, max] = facts as unknown as [number, number, number, number];
  return { finite: out.subarray(0, n), infinite, isWhole: isWhole === 1, min, max };
}

/**
 * The finite values of a column (NaN = missing and ±Infinity dropped), ascending, in a new array,
 * or in the front of `buffer` when it is long enough (for callers sorting many columns), and the
 * sums a counting sort took on the way, for {@link statsOfSorted}. O(n).
 */
export function sortedFinite(
  values: Float64Array,
  buffer?: Float64Array,
): { sorted: Float64Array; infinite: number; isWhole: boolean; sums?: CountedSums } {
  const { finite, infinite, isWhole, min, max } = finiteCopy(values, buffer);
  return { ...sortScanned(finite, isWhole, min, max), infinite, isWhole };
}

/**
 * {@link sortedFinite}, except that values a counting sort applies to are not written out: `sorted`
 * is then a {@link CountedSorted} that the statistics read at the positions they need (the
 * front of `buffer` holds the finite values, unsorted). The same values at every position.
 */
export function sortedFiniteValues(
  values: Float64Array,
  buffer?: Float64Array,
): { sorted: SortedValues; infinite: number; isWhole: boolean; sums?: CountedSums } {
  const { finite, infinite, isWhole, min, max } = finiteCopy(values, buffer);
  return { ...sortScannedView(finite, isWhole, min, max), infinite, isWhole };
}

/*
 * One pass for what the sort needs: the finite values, in order, to the front of `out` (returns
 * how many), and facts = [±Infinity cells, 1 if every finite value is whole, min, max].
 * (Single-loop functions: see sort.ts.)
 */
function scanFinite(values: Float64Array, out: Float64Array, facts: Float64Array): number {
  let n = 0;
  let infinite = 0;
  let isWhole = 1;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) {
      out[n++] = v;
      if (v < min) min = v;
      if (v > max) max = v;
      if (isWhole === 1 && !Number.isInteger(v)) isWhole = 0;
    } else if (v === v) infinite++;
  }
  facts[0] = infinite;
  facts[1] = isWhole;
  facts[2] = min;
  facts[3] = max;
  return n;
}

function codeCounts(codes: Int32Array, entries: number): Float64Array {
  const counts = new Float64Array(entries);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    if (code >= 0) counts[code] = (counts[code] as number) + 1;
  }
  return counts;
}

/**
 * {@link sortedFinite} of `values[row] = entryValues[codes[row]]` (codes < 0 are missing) without
 * sorting the rows: the entries are counted, ordered, and each written as often as it occurs.
 * Same result, -0 before 0 included. O(n + k log k) for k entries; `buffer` as in sortedFinite.
 * `knownCounts`, when given, are the entries' occurrence counts already (saves the counting pass).
 */
export function sortedFiniteCoded(
  codes: Int32Array,
  entryValues: Float64Array,
  buffer?: Float64Array,
  knownCounts?: Float64Array,
): { sorted: Float64Array; infinite: number } {
  const counts = knownCounts ?? codeCounts(codes, entryValues.length);
  let infinite = 0;
  let negativeZeros = 0;
  for (let e = 0; e < entryValues.length; e++) {
    const v = entryValues[e] as number;
    if (!Number.isFinite(v)) infinite += Number.isNaN(v) ? 0 : (counts[e] as number);
    else if (Object.is(v, -0)) negativeZeros += counts[e] as number;
  }
  const out = buffer !== undefined && buffer.length >= codes.length ? buffer : new Float64Array(codes.length);
  let n = 0;
  for (const e of argsortFloat64(entryValues)) {
    const v = entryValues[e] as number;
    if (!Number.isFinite(v)) continue;
    const end = n + (counts[e] as number);
    for (; n < end; n++) out[n] = v;
  }
  const sorted = out.subarray(0, n);
  if (negativeZeros > 0) {
    const zeros = lowerBound(sorted, 0); // the run of ±0, written in entry order: -0 goes first
    sorted.fill(-0, zeros, zeros + negativeZeros);
    sorted.fill(0, zeros + negativeZeros, upperBound(sorted, 0, zeros));
  }
  return { sorted, infinite };
}

interface Moments {
  readonly m2: number;
  readonly m3: number;
  readonly m4: number;
  /** The scale the moments are expressed in: true moment = m_k · scale^k. */
  readonly scale: number;
}

/*
 * Central moment sums about `mean`, two-pass and scaled by the largest deviation so that neither
 * 1e300 nor 1e-300 overflows or underflows: the ratios that skewness and kurtosis need are exact
 * in any scale.
 */
function centralMoments(sorted: Float64Array, mean: number): Moments {
  const n = sorted.length;
  const scale = Math.max(Math.abs((sorted[0] ?? mean) - mean), Math.abs((sorted[n - 1] ?? mean) - mean));
  if (scale === 0 || !Number.isFinite(scale)) return { m2: 0, m3: 0, m4: 0, scale: scale || 1 };
  const sums = new Float64Array(4);
  momentSums(sorted, mean, scale, sums);
  const [s1, s2, s3, s4] = sums as unknown as [number, number, number, number];
  return { ...centredSums(n, s1, s2, s3, s4), scale };
}

/* Σd, Σd², Σd³, Σd⁴ of d = (x − mean) / scale into `sums` (a loop alone in its function: see sort.ts). */
function momentSums(sorted: Float64Array, mean: number, scale: number, sums: Float64Array): void {
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < sorted.length; i++) {
    const d = ((sorted[i] as number) - mean) / scale;
    const d2 = d * d;
    m1 += d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  sums[0] = m1;
  sums[1] = m2;
  sums[2] = m3;
  sums[3] = m4;
}

/** Adjusted Fisher–Pearson G1 = n·√(n−1)/(n−2) · m3/m2^1.5 (pandas nanskew); 0 for constant data. */
function skewnessOf(n: number, { m2, m3 }: Moments): number {
  if (n < 3) return NaN;
  if (m2 === 0) return 0;
  return ((n * Math.sqrt(n - 1)) / (n - 2)) * (m3 / m2 ** 1.5);
}

/** Excess kurtosis G2 = n(n+1)(n−1)·m4 / ((n−2)(n−3)·m2²) − 3(n−1)²/((n−2)(n−3)) (pandas nankurt). */
function kurtosisOf(n: number, { m2, m4 }: Moments): number {
  if (n < 4) return NaN;
  if (m2 === 0) return 0;
  const denominator = (n - 2) * (n - 3);
  return (n * (n + 1) * (n - 1) * m4) / (denominator * m2 * m2) - (3 * (n - 1) ** 2) / denominator;
}

/*
 * The k-th smallest (0-based) of |x − m| over an ascending array, without building or sorting the
 * deviations. Left of m they grow leftwards (L[t] = m − x[r−1−t]), from m on rightwards
 * (R[t] = x[r+t] − m), so it is the k-th of two sorted lists: a binary search for how many of the
 * k+1 smallest come from L. O(log n), O(1) memory. Its value is the one the merge walk of both
 * lists would reach (the -0 cases included: L is never 0, so a zero answer is R[k] itself).
 */
function kthDeviation(sorted: SortedValues, m: number, k: number): number {
  const r = lowerBound(sorted, m);
  const leftCount = r;
  const rightCount = sorted.length - r;
  const left = (t: number): number => m - valueAt(sorted, r - 1 - t);
  const right = (t: number): number => valueAt(sorted, r + t) - m;
  let lo = Math.max(0, k + 1 - rightCount);
  let hi = Math.min(k + 1, leftCount);
  while (lo < hi) {
    const i = (lo + hi) >>> 1; // take i from L and k + 1 − i from R: too few from L if R's last > L's next
    if (right(k - i) > left(i)) lo = i + 1;
    else hi = i;
  }
  const fromRight = k + 1 - lo;
  const value = Math.max(lo > 0 ? left(lo - 1) : -Infinity, fromRight > 0 ? right(fromRight - 1) : -Infinity);
  return value;
}

/** Median of |x − median| of an ascending array, as numpy's median of the deviations. O(log n). */
function medianAbsoluteDeviation(sorted: SortedValues, median: number): number {
  const n = sorted.length;
  const half = Math.floor((n - 1) / 2);
  const lower = kthDeviation(sorted, median, half);
  if (n % 2 === 1) return lower;
  const upper = kthDeviation(sorted, median, half + 1);
  return (lower + upper) / 2; // as np.median
}

/**
 * All descriptive statistics of one numeric column. NaN cells are missing and ±Infinity cells are
 * excluded (counted in `infinite`), as pandas does with `use_inf_as_na`. Sums are compensated,
 * moments two-pass and scaled. O(n) (a radix sort), O(n) extra memory.
 */
export function computeNumericStats(values: Float64Array): NumericStats {
  const { sorted, infinite, sums } = sortedFinite(values);
  return statsOfSorted(sorted, infinite, sums);
}

/*
 * Neumaier's compensated sum (as compensatedSum, bit for bit) and the distinct count (as
 * countDistinctSorted) of an ascending array in one pass: into `out` = [sum, distinct].
 */
function sumAndDistinct(sorted: Float64Array, out: Float64Array): void {
  let sum = 0;
  let compensation = 0;
  let distinct = sorted.length === 0 ? 0 : 1;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
    if (i > 0 && v !== sorted[i - 1]) distinct++;
  }
  out[0] = sum + compensation;
  out[1] = distinct;
}

/*
 * Sum, distinct count and moments of an ascending array: from the sums a counting sort took when
 * given (no pass over the values), else by two passes.
 */
function sumsOf(sorted: SortedValues, counted?: CountedSums): { sum: number; distinct: number; moments: Moments } {
  const known = sorted instanceof CountedSorted ? sorted.sums : counted;
  if (known !== undefined) {
    const { sum, distinct, m2, m3, m4, spread } = known;
    return { sum, distinct, moments: { m2, m3, m4, scale: spread } };
  }
  // Counts whose sum could not be exact (magnitudes near 2^53 / n) are written out for the passes.
  const array = sorted instanceof CountedSorted ? sorted.toArray() : sorted;
  const fused = new Float64Array(2);
  sumAndDistinct(array, fused);
  const sum = fused[0] as number;
  const mean = array.length === 0 ? NaN : sum / array.length;
  return { sum, distinct: fused[1] as number, moments: centralMoments(array, mean) };
}

/**
 * {@link computeNumericStats} on values already filtered to finite and sorted ascending; `counted`:
 * the sums the counting sort of these values returned (see {@link sortedFinite}), when it did.
 */
export function statsOfSorted(sorted: SortedValues, infinite = 0, counted?: CountedSums): NumericStats {
  const n = sorted.length;
  const { sum, distinct, moments } = sumsOf(sorted, counted);
  const mean = n === 0 ? NaN : sum / n;
  // std from the scaled moment, so that 1e300-sized values (whose variance is past the largest double) keep it.
  const variance = n < 2 ? NaN : (moments.m2 / (n - 1)) * moments.scale * moments.scale;
  const std = n < 2 ? NaN : Math.sqrt(moments.m2 / (n - 1)) * moments.scale;
  const q25 = quantileSorted(sorted, 0.25);
  const median = medianSorted(sorted);
  const q75 = quantileSorted(sorted, 0.75);
  const negatives = lowerBound(sorted, 0); // -0 is not negative, as 0 > -0 is false
  const zeros = upperBound(sorted, 0, negatives) - negatives;
  return {
    count: n,
    infinite,
    distinct,
    sum,
    mean,
    var: variance,
    std,
    min: n === 0 ? NaN : valueAt(sorted, 0),
    max: n === 0 ? NaN : valueAt(sorted, n - 1),
    q05: quantileSorted(sorted, 0.05),
    q25,
    median,
    q75,
    q95: quantileSorted(sorted, 0.95),
    iqr: q75 - q25,
    mad: n === 0 ? NaN : medianAbsoluteDeviation(sorted, median),
    cv: mean === 0 ? NaN : std / mean,
    skewness: skewnessOf(n, moments),
    kurtosis: kurtosisOf(n, moments),
    zeros,
    negatives,
  };
}
