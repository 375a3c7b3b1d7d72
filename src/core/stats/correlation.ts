import { averageRanks } from './ranks.ts';
import { compensatedSum } from './summation.ts';

/** The paired values of x and y where both are present (NaN = missing), in row order. */
export function pairwiseComplete(x: Float64Array, y: Float64Array): { x: Float64Array; y: Float64Array } {
  const n = Math.min(x.length, y.length);
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isFinite(a) && Number.isFinite(b)) {
      px[m] = a;
      py[m] = b;
      m++;
    }
  }
  return { x: px.subarray(0, m), y: py.subarray(0, m) };
}

/**
 * Pearson's r of two complete, aligned samples, two-pass (means first) so that large offsets do
 * not cancel. NaN below 2 pairs or when either side is constant. O(n).
 */
export function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  if (n < 2) return NaN;
  const mx = compensatedSum(x) / n;
  const my = compensatedSum(y) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Spearman's ρ: Pearson's r of average ranks, on complete aligned samples. O(n log n). */
export function spearman(x: Float64Array, y: Float64Array): number {
  return pearson(averageRanks(x), averageRanks(y));
}

/** A contingency table of two coded columns (codes ≥ 0; negative = missing, dropped). */
export function contingency(
  a: Int32Array,
  b: Int32Array,
  levelsA: number,
  levelsB: number,
): { table: Float64Array; n: number } {
  const table = new Float64Array(levelsA * levelsB);
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const ca = a[i] as number;
    const cb = b[i] as number;
    if (ca < 0 || cb < 0) continue;
    table[ca * levelsB + cb] = (table[ca * levelsB + cb] ?? 0) + 1;
    n++;
  }
  return { table, n };
}

/**
 * Bias-corrected Cramér's V (Bergsma 2013) from a contingency table: φ² = χ²/n corrected to
 * max(0, φ² − (k−1)(r−1)/(n−1)), r and k shrunk likewise; V = √(φ²c / min(kc−1, rc−1)). Only
 * observed levels count. NaN when fewer than 2 levels remain on a side. O(r·k).
 */
export function cramersV(table: Float64Array, rows: number, cols: number, n: number): number {
  const rowSums = new Float64Array(rows);
  const colSums = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = table[r * cols + c] as number;
      rowSums[r] = (rowSums[r] as number) + v;
      colSums[c] = (colSums[c] as number) + v;
    }
  }
  let chi2 = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const expected = ((rowSums[r] as number) * (colSums[c] as number)) / n;
      if (expected > 0) chi2 += ((table[r * cols + c] as number) - expected) ** 2 / expected;
    }
  }
  const r = rowSums.filter((v) => v > 0).length;
  const k = colSums.filter((v) => v > 0).length;
  if (r < 2 || k < 2 || n < 2) return NaN;
  const phi2 = Math.max(0, chi2 / n - ((k - 1) * (r - 1)) / (n - 1));
  const rc = r - (r - 1) ** 2 / (n - 1);
  const kc = k - (k - 1) ** 2 / (n - 1);
  const denominator = Math.min(kc - 1, rc - 1);
  return denominator <= 0 ? NaN : Math.sqrt(phi2 / denominator);
}

/** A coded column as η groups by it: codes ≥ 0 (negative = missing) into `levels` levels. */
export interface Grouping {
  readonly codes: Int32Array;
  readonly levels: number;
  /** Rows per level, when known: a numeric column without missing cells shares them (no counting). */
  readonly counts?: Float64Array;
}

interface GroupSums {
  readonly sums: Float64Array;
  readonly counts: Float64Array;
  /** Σ of the values used, in row order, and how many. */
  readonly total: number;
  readonly n: number;
  readonly hasMissingCode: boolean;
}

/*
 * Per-level sums and counts, and the plain total, over rows with a code and a finite value, in row
 * order. When the values are known to be finite and the level counts are given, the counting and
 * the finiteness test are skipped: the same additions in the same order, so the same bits.
 */
function groupSums({ codes, levels, counts: known }: Grouping, values: Float64Array, isComplete: boolean): GroupSums {
  const sums = new Float64Array(levels);
  const isFast = isComplete && known !== undefined;
  const counts = isFast ? known : new Float64Array(levels);
  const total = isFast ? accumulateSums(codes, values, sums) : accumulateGroups(codes, values, sums, counts);
  let n = 0;
  for (let c = 0; c < levels; c++) n += counts[c] as number;
  return { sums, counts, total, n, hasMissingCode: hasMissingCode(codes, known ?? counts) };
}

/* True when a row has no code: fewer coded rows than rows (scanned when `counts` skipped rows for their values). */
function hasMissingCode(codes: Int32Array, counts: Float64Array): boolean {
  let coded = 0;
  for (let c = 0; c < counts.length; c++) coded += counts[c] as number;
  if (coded === codes.length) return false;
  for (let i = 0; i < codes.length; i++) if ((codes[i] as number) < 0) return true;
  return false;
}

/* The loop of groupSums, alone in a function (see sort.ts); returns the total. */
function accumulateGroups(codes: Int32Array, values: Float64Array, sums: Float64Array, counts: Float64Array): number {
  let total = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    const v = values[i] as number;
    if (c < 0 || !Number.isFinite(v)) continue;
    sums[c] = (sums[c] as number) + v;
    counts[c] = (counts[c] as number) + 1;
    total += v;
  }
  return total;
}

/* The sums and the total alone, for values known to be finite. */
function accumulateSums(codes: Int32Array, values: Float64Array, sums: Float64Array): number {
  let total = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    if (c < 0) continue;
    const v = values[i] as number;
    sums[c] = (sums[c] as number) + v;
    total += v;
  }
  return total;
}

/* Σ(v − mean)² over rows with a code (all rows when `codes` is undefined) and a finite value. */
function ssTotalOf(values: Float64Array, mean: number, codes?: Int32Array): number {
  let ssTotal = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if ((codes === undefined || (codes[i] as number) >= 0) && Number.isFinite(v)) ssTotal += (v - mean) ** 2;
  }
  return ssTotal;
}

function etaOf({ sums, counts, total, n }: GroupSums, ssTotal: number): number {
  if (n === 0) return NaN;
  const mean = total / n;
  let ssBetween = 0;
  for (let c = 0; c < counts.length; c++) {
    const count = counts[c] as number;
    if (count > 0) ssBetween += count * ((sums[c] as number) / count - mean) ** 2;
  }
  return ssTotal === 0 ? NaN : Math.sqrt(Math.min(1, ssBetween / ssTotal));
}

/**
 * Correlation ratio η = √(SS_between / SS_total) of a numeric column grouped by a coded one, on
 * rows where both are present. 0 ≤ η ≤ 1; NaN when the numbers are constant. O(n).
 */
export function correlationRatio(codes: Int32Array, levels: number, values: Float64Array): number {
  const groups = groupSums({ codes, levels }, values, false);
  if (groups.n === 0) return NaN;
  return etaOf(groups, ssTotalOf(values, groups.total / groups.n, codes));
}

/**
 * {@link correlationRatio} of one numeric column against each grouping, equal to it bit for bit.
 * Groupings that miss no row all see the same rows, hence the same mean and SS_total: that
 * second pass runs once for them. `isComplete` vouches that `values` has no NaN or ±Infinity (from
 * the column's profile): then groupings with known counts take one pass of sums only.
 * O(n · (g + 1)) for g groupings.
 */
export function correlationRatios(groupings: readonly Grouping[], values: Float64Array, isComplete = false): number[] {
  let sharedSsTotal: number | undefined;
  return groupings.map((grouping) => {
    const groups = groupSums(grouping, values, isComplete);
    if (groups.n === 0) return NaN;
    const mean = groups.total / groups.n;
    const ssTotal = groups.hasMissingCode
      ? ssTotalOf(values, mean, grouping.codes)
      : (sharedSsTotal ??= ssTotalOf(values, mean));
    return etaOf(groups, ssTotal);
  });
}
