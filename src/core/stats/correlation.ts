import { averageRanks } from './ranks.ts';
import { squaresAboutExactMean } from './moments.ts';
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
}

/** Cells of a cross-classification at most: the per-cell sums of one numeric column stay small. */
export const MAX_CELLS = 1 << 16;

/**
 * Groupings crossed: each row's cell is one digit per grouping (0 for a missing code, else code + 1)
 * in mixed radix, so that one pass over a numeric column sums it by every grouping of the block.
 */
export interface CrossedGroupings {
  readonly groupings: readonly Grouping[];
  /** Place value of each grouping's digit. */
  readonly strides: readonly number[];
  readonly cellCount: number;
  readonly cells: Int32Array;
  /** Rows per cell. */
  readonly rows: Float64Array;
}

/* cells[i] = (code + 1) · stride (0 for a missing code): the first grouping's digit. */
function firstDigit(cells: Int32Array, codes: Int32Array, stride: number): void {
  for (let i = 0; i < cells.length; i++) {
    const code = codes[i] as number;
    cells[i] = code < 0 ? 0 : (code + 1) * stride;
  }
}

/* cells[i] += (code + 1) · stride for a later grouping. */
function addDigit(cells: Int32Array, codes: Int32Array, stride: number): void {
  for (let i = 0; i < cells.length; i++) {
    const code = codes[i] as number;
    cells[i] = (cells[i] as number) + (code < 0 ? 0 : (code + 1) * stride);
  }
}

/* rows[cell] += 1 for every row's cell. */
function countCells(cells: Int32Array, rows: Float64Array): void {
  for (let i = 0; i < cells.length; i++) rows[cells[i] as number] = (rows[cells[i] as number] as number) + 1;
}

function crossBlock(groupings: readonly Grouping[], length: number): CrossedGroupings {
  const strides: number[] = [];
  let cellCount = 1;
  for (const { levels } of groupings) {
    strides.push(cellCount);
    cellCount *= levels + 1;
  }
  const cells = new Int32Array(length);
  const rows = new Float64Array(cellCount);
  groupings.forEach(({ codes }, g) => (g === 0 ? firstDigit : addDigit)(cells, codes, strides[g] as number));
  countCells(cells, rows);
  return { groupings, strides, cellCount, cells, rows };
}

/**
 * The groupings crossed in blocks of at most {@link MAX_CELLS} cells, in their order (a grouping
 * with more levels than that is a block of its own). O(n) per grouping, once for all numeric columns.
 */
export function crossGroupings(groupings: readonly Grouping[], length: number): CrossedGroupings[] {
  const blocks: Grouping[][] = [];
  let cells = Infinity;
  for (const grouping of groupings) {
    const size = grouping.levels + 1;
    const last = blocks.at(-1);
    if (last !== undefined && cells * size <= MAX_CELLS) {
      last.push(grouping);
      cells *= size;
    } else {
      blocks.push([grouping]);
      cells = size;
    }
  }
  return blocks.map((block) => crossBlock(block, length));
}

/**
 * The contingency table of groupings g and h (g ≠ h) of one crossed block, from its rows per cell:
 * no pass over the rows. The same table and n as {@link contingency} of their codes (whole counts
 * add exactly in any order). O(cells).
 */
export function blockContingency(block: CrossedGroupings, g: number, h: number): { table: Float64Array; n: number } {
  const sizeG = (block.groupings[g] as Grouping).levels + 1;
  const sizeH = (block.groupings[h] as Grouping).levels + 1;
  const strideG = block.strides[g] as number;
  const strideH = block.strides[h] as number;
  const table = new Float64Array((sizeG - 1) * (sizeH - 1));
  let n = 0;
  for (let cell = 0; cell < block.cellCount; cell++) {
    const count = block.rows[cell] as number;
    const dg = Math.floor(cell / strideG) % sizeG;
    const dh = Math.floor(cell / strideH) % sizeH;
    if (count === 0 || dg === 0 || dh === 0) continue; // digit 0: no code in that grouping
    const at = (dg - 1) * (sizeH - 1) + (dh - 1);
    table[at] = (table[at] as number) + count;
    n += count;
  }
  return { table, n };
}

/* sums[cell] += v − shift over every row (values known finite). */
function sumByCell(cells: Int32Array, values: Float64Array, shift: number, sums: Float64Array): void {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] as number;
    sums[c] = (sums[c] as number) + ((values[i] as number) - shift);
  }
}

/* sums[cell] += v − shift and counts[cell] += 1 over the rows with a finite value. */
function sumFiniteByCell(
  cells: Int32Array,
  values: Float64Array,
  shift: number,
  sums: Float64Array,
  counts: Float64Array,
): void {
  for (let i = 0; i < cells.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    const c = cells[i] as number;
    sums[c] = (sums[c] as number) + (v - shift);
    counts[c] = (counts[c] as number) + 1;
  }
}

interface GroupSums {
  readonly sums: Float64Array;
  readonly counts: Float64Array;
  /** Σ of the values used and how many. */
  readonly total: number;
  readonly n: number;
  /** Some row has no code in this grouping. */
  readonly hasMissingCode: boolean;
}

/* One grouping's level sums and counts, from the per-cell ones of its block (digit 0 = no code). */
function groupSums(block: CrossedGroupings, g: number, cellSums: Float64Array, cellCounts: Float64Array): GroupSums {
  const size = (block.groupings[g] as Grouping).levels + 1;
  const stride = block.strides[g] as number;
  const sums = new Float64Array(size - 1);
  const counts = new Float64Array(size - 1);
  let uncoded = 0;
  for (let cell = 0; cell < block.cellCount; cell++) {
    const digit = Math.floor(cell / stride) % size;
    if (digit === 0) {
      uncoded += block.rows[cell] as number;
      continue;
    }
    sums[digit - 1] = (sums[digit - 1] as number) + (cellSums[cell] as number);
    counts[digit - 1] = (counts[digit - 1] as number) + (cellCounts[cell] as number);
  }
  let total = 0;
  let n = 0;
  for (let level = 0; level < size - 1; level++) {
    total += sums[level] as number;
    n += counts[level] as number;
  }
  return { sums, counts, total, n, hasMissingCode: uncoded > 0 };
}

/* Σ(v − mean)² over rows with a code (all rows when `codes` is undefined) and a finite value. */
function ssTotalOf(values: Float64Array, mean: number, codes?: Int32Array): number {
  let s1 = 0;
  let ssTotal = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if ((codes === undefined || (codes[i] as number) >= 0) && Number.isFinite(v)) {
      const d = v - mean;
      s1 += d;
      ssTotal += d * d;
      n++;
    }
  }
  return squaresAboutExactMean(s1, ssTotal, n); // about the exact mean, not its rounding
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

/** What the caller knows of a numeric column, to spare passes over it. */
export interface KnownColumn {
  /** No NaN and no ±Infinity (from the column's profile). */
  readonly isComplete?: boolean;
  /** Σ(v − mean)² over its finite values (from the profile: var · (count − 1)). */
  readonly ssTotal?: number;
  /**
   * A value near the column's mean (the profile's): the cells sum v − shift, so that 1e6 + noise
   * does not lose the noise's low digits in sums of 1e10.
   */
  readonly shift?: number;
}

/**
 * Correlation ratio η = √(SS_between / SS_total) of a numeric column grouped by a coded one, on
 * rows where both are present. 0 ≤ η ≤ 1; NaN when the numbers are constant. O(n).
 */
export function correlationRatio(codes: Int32Array, levels: number, values: Float64Array): number {
  return correlationRatios(crossGroupings([{ codes, levels }], codes.length), values)[0] ?? NaN;
}

/**
 * η of one numeric column against every grouping of the crossed blocks, in their order: one pass
 * over the values per block sums them by cell; each grouping's level sums follow from the cells.
 * Groupings that miss no row see all the finite values, whose SS_total is shared (given in `known`,
 * or one more pass); the others take a pass each for theirs. O(n) per block, plus the cells.
 */
export function correlationRatios(
  blocks: readonly CrossedGroupings[],
  values: Float64Array,
  known: KnownColumn = {},
): number[] {
  let sharedSsTotal = known.ssTotal;
  const shift = Number.isFinite(known.shift) ? (known.shift as number) : 0;
  return blocks.flatMap((block) => {
    const cellSums = new Float64Array(block.cellCount);
    const cellCounts = known.isComplete === true ? block.rows : new Float64Array(block.cellCount);
    if (known.isComplete === true) sumByCell(block.cells, values, shift, cellSums);
    else sumFiniteByCell(block.cells, values, shift, cellSums, cellCounts);
    return block.groupings.map((grouping, g) => {
      const groups = groupSums(block, g, cellSums, cellCounts);
      if (groups.n === 0) return NaN;
      const mean = groups.total / groups.n + shift; // the level sums are of v − shift: see etaOf
      const ssTotal = groups.hasMissingCode
        ? ssTotalOf(values, mean, grouping.codes)
        : (sharedSsTotal ??= ssTotalOf(values, mean));
      return etaOf(groups, ssTotal);
    });
  });
}
