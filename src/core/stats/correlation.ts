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

/** What η needs of a numeric column alone: its finite values' count, plain sum and Σ(v − mean)², in row order. */
export interface EtaTotals {
  readonly n: number;
  readonly total: number;
  readonly ssTotal: number;
}

/**
 * The {@link EtaTotals} of `values`: the totals {@link correlationRatio} computes when no code is
 * missing, so one numeric column's totals serve every fully coded column. O(n).
 */
export function etaTotals(values: Float64Array): EtaTotals {
  let total = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    total += v;
    n++;
  }
  const mean = total / n;
  let ssTotal = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v)) ssTotal += (v - mean) ** 2;
  }
  return { n, total, ssTotal };
}

/**
 * Correlation ratio η = √(SS_between / SS_total) of a numeric column grouped by a coded one, on
 * rows where both are present. 0 ≤ η ≤ 1; NaN when the numbers are constant. O(n). `totals`, when
 * given, must be `etaTotals(values)` and is only used when no code is negative (then it is exact).
 */
export function correlationRatio(codes: Int32Array, levels: number, values: Float64Array, totals?: EtaTotals): number {
  const sums = new Float64Array(levels);
  const counts = new Float64Array(levels);
  let total = 0;
  let n = 0;
  let hasMissingCode = false;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    const v = values[i] as number;
    if (c < 0) hasMissingCode = true;
    if (c < 0 || !Number.isFinite(v)) continue;
    sums[c] = (sums[c] as number) + v;
    counts[c] = (counts[c] as number) + 1;
    total += v;
    n++;
  }
  if (n === 0) return NaN;
  const mean = total / n;
  const ssTotal = totals !== undefined && !hasMissingCode ? totals.ssTotal : groupedSsTotal(codes, values, mean);
  let ssBetween = 0;
  for (let c = 0; c < levels; c++) {
    const count = counts[c] as number;
    if (count > 0) ssBetween += count * ((sums[c] as number) / count - mean) ** 2;
  }
  return ssTotal === 0 ? NaN : Math.sqrt(Math.min(1, ssBetween / ssTotal));
}

/* Σ(v − mean)² over rows with a code and a finite value. */
function groupedSsTotal(codes: Int32Array, values: Float64Array, mean: number): number {
  let ssTotal = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    const v = values[i] as number;
    if (c >= 0 && Number.isFinite(v)) ssTotal += (v - mean) ** 2;
  }
  return ssTotal;
}
