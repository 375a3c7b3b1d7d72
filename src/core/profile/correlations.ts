import {
  blockContingency,
  contingency,
  correlationRatios,
  cramersV,
  crossGroupings,
  type CrossedGroupings,
  type Grouping,
} from '../stats/correlation.ts';
import type { KnownSpread } from '../stats/kept-spreads.ts';
import { pearsonMatrix, spearmanMatrix } from '../stats/pairwise.ts';
import { sampleIndices } from '../stats/random.ts';
import { rankOrder, type RankOrder } from '../stats/ranks.ts';
import { throwIfCancelled, type CancelToken } from '../cancel.ts';
import type { ColumnProfile } from './column-profile.ts';
import { answerOf, PROFILE_SPLIT_MIN_ROWS, type ProfileHelper } from './profile-split.ts';

/** Spearman needs sorts per pair: above this many rows it runs on a seeded sample (stated). */
export const SPEARMAN_MAX_ROWS = 100_000;
export const SPEARMAN_SEED = 42;
/** Numeric columns correlated at most (pairs grow quadratically); the rest are listed as omitted. */
export const MAX_CORRELATION_COLUMNS = 60;
/** Cramér's V is computed for categorical columns with this many levels. */
export const CRAMERS_MIN_LEVELS = 2;
export const CRAMERS_MAX_LEVELS = 100;
export const STRONGEST_PAIRS = 10;

export type CorrelationMethod = 'pearson' | 'spearman' | 'cramersV' | 'eta';
type Matrix = (number | null)[][];

export interface CorrelationSummary {
  readonly columns: readonly string[];
  readonly pearson: Matrix;
  readonly spearman: Matrix;
  /** Set when Spearman ran on a sample of rows. */
  readonly spearmanSample: { readonly rows: number; readonly seed: number } | null;
  readonly omittedColumns: readonly string[];
  readonly categorical: { readonly columns: readonly string[]; readonly cramersV: Matrix };
  readonly eta: readonly { readonly categorical: string; readonly numeric: string; readonly value: number }[];
  readonly strongest: readonly {
    readonly columns: readonly [string, string];
    readonly method: CorrelationMethod;
    readonly value: number;
  }[];
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

function isUsableNumeric(p: ColumnProfile): boolean {
  return (
    (p.type === 'integer' || p.type === 'numeric') &&
    !p.flags.some((f) => f === 'id' || f === 'constant' || f === 'empty')
  );
}

/* With every level on one row (an id, a name per row), η is 1 and Cramér's V maximal whatever the data: no association. */
function isUsableCategorical(p: ColumnProfile): boolean {
  return (
    (p.type === 'categorical' || p.type === 'boolean') &&
    p.distinct >= CRAMERS_MIN_LEVELS &&
    p.distinct <= CRAMERS_MAX_LEVELS &&
    p.distinct < p.count
  );
}

function valuesOf(p: ColumnProfile): Float64Array {
  return p.reading.kind === 'coded' ? new Float64Array(0) : p.reading.values;
}

function symmetric(n: number, cell: (i: number, j: number) => number): Matrix {
  const m: Matrix = Array.from({ length: n }, () => new Array<number | null>(n).fill(null));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = finite(i === j ? 1 : cell(i, j));
      (m[i] as (number | null)[])[j] = v;
      (m[j] as (number | null)[])[i] = v;
    }
  }
  return m;
}

function take(values: Float64Array, rows: Int32Array | null): Float64Array {
  if (rows === null) return values;
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i] as number] as number;
  return out;
}

/**
 * Spearman on pairwise-complete rows, as pandas: ranks are recomputed on each pair's complete
 * rows. Each column is ordered once (lazily); pairs sharing their complete rows share the ranks.
 * `sampled`: the columns' values on the rows Spearman uses. A p×p row-major matrix.
 */
export function spearmanOfSampled(sampled: readonly Float64Array[], isComplete: readonly boolean[]): Float64Array {
  const orders: (RankOrder | undefined)[] = [];
  return spearmanMatrix(sampled, (c) => (orders[c] ??= rankOrder(sampled[c] as Float64Array)), isComplete);
}

/* True when the profile proves the column has no NaN and no ±Infinity (so no row is excluded). */
function isCompleteNumeric(p: ColumnProfile): boolean {
  return p.missing === 0 && p.numeric !== undefined && p.numeric.infinite === 0;
}

/** A numeric column as the correlations read it: its values, and what its profile says of them. */
interface CorrelatedColumn {
  readonly values: Float64Array;
  readonly spread: KnownSpread | undefined;
  /** Near the mean (η's cells sum v − shift). */
  readonly shift: number | undefined;
}

/* Deviations whose squares, summed over millions of rows, stay normal doubles: 2^±450 ≈ 1e±135. */
const SAFE_DEVIATION = { min: 2 ** -450, max: 2 ** 450 };

/*
 * The column as Pearson and η read it. Their sums of squared deviations overflow for 1e300-sized
 * values (r came out 0) and underflow for 1e-300-sized ones (no r): such a column is read as a copy
 * multiplied by a power of two, which is exact (the products stay normal) and leaves r and η as
 * they are; its spread is then summed from the copy. O(n) for those columns only.
 */
function correlatedColumn(p: ColumnProfile): CorrelatedColumn {
  const values = valuesOf(p);
  const stats = p.numeric;
  if (stats === undefined || !(stats.count >= 2)) return { values, spread: undefined, shift: undefined };
  const range = stats.max - stats.min;
  const size = Number.isFinite(range) ? range : Math.max(Math.abs(stats.min), Math.abs(stats.max));
  if (size === 0 || (size >= SAFE_DEVIATION.min && size <= SAFE_DEVIATION.max))
    return { values, spread: wholeSpread(p), shift: stats.mean };
  const factor = 2 ** -Math.floor(Math.log2(size));
  const scaled = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) scaled[i] = (values[i] as number) * factor;
  return { values: scaled, spread: undefined, shift: stats.mean * factor };
}

/* A profiled numeric column's count, mean and Σ(v − mean)² (var · (count − 1)) over its finite values. */
function wholeSpread(p: ColumnProfile): KnownSpread | undefined {
  const stats = p.numeric;
  if (stats === undefined || !(stats.count >= 2)) return undefined;
  return { n: stats.count, mean: stats.mean, sxx: stats.var * (stats.count - 1) };
}

/* The usable categorical columns crossed once, for η and Cramér's V (a column not coded: no code at all). */
function crossCategorical(categorical: readonly ColumnProfile[], rows: number): CrossedGroupings[] {
  const groupings: Grouping[] = categorical.map(({ reading }) =>
    reading.kind === 'coded'
      ? { codes: reading.codes, levels: reading.dictionary.length }
      : { codes: new Int32Array(rows).fill(-1), levels: 0 },
  );
  return crossGroupings(groupings, rows);
}

/* η of every usable categorical against every numeric column, from the crossed categoricals. */
function etaPairs(
  categorical: readonly ColumnProfile[],
  numeric: readonly ColumnProfile[],
  columns: readonly CorrelatedColumn[],
  blocks: readonly CrossedGroupings[],
): CorrelationSummary['eta'] {
  // [numeric][categorical]
  const byNumeric = columns.map(({ values, spread, shift }, j) => {
    const p = numeric[j] as ColumnProfile;
    return correlationRatios(blocks, values, {
      isComplete: isCompleteNumeric(p),
      ...(spread === undefined ? {} : { ssTotal: spread.sxx }),
      ...(shift === undefined ? {} : { shift }),
    });
  });
  return categorical
    .flatMap((c, i) =>
      numeric.map((p, j) => ({ categorical: c.name, numeric: p.name, value: byNumeric[j]?.[i] ?? NaN })),
    )
    .filter((e) => Number.isFinite(e.value));
}

/**
 * Pearson and Spearman (average ranks) on pairwise-complete rows of the usable numeric columns,
 * bias-corrected Cramér's V between categorical columns with 2–100 levels, η between those and
 * the numeric columns, and the strongest pairs of all. Spearman samples 100,000 rows (seed 42)
 * beyond that size and says so. O(p²·n) plus O(p·n log n) to order the columns for Spearman.
 * With a `helper` (a second thread) on a large table, Spearman runs there meanwhile, on copies of
 * the sampled values (here when it cannot): the same code on the same values, the same result.
 */
export async function correlate(
  profiles: readonly ColumnProfile[],
  rows: number,
  helper?: ProfileHelper,
  cancel?: CancelToken,
): Promise<{ correlations: CorrelationSummary; helped: boolean }> {
  const usable = profiles.filter(isUsableNumeric);
  const numeric = usable.slice(0, MAX_CORRELATION_COLUMNS);
  const columns = numeric.map(correlatedColumn);
  const values = columns.map((c) => c.values);
  const sample = rows > SPEARMAN_MAX_ROWS ? sampleIndices(rows, SPEARMAN_MAX_ROWS, SPEARMAN_SEED) : null;
  const p = numeric.length;
  const isComplete = numeric.map(isCompleteNumeric);
  const sampled = values.map((v) => take(v, sample));
  const away =
    helper !== undefined && rows >= PROFILE_SPLIT_MIN_ROWS && p >= 2
      ? answerOf(helper.spearman({ kind: 'spearman', sampled, isComplete }, cancel))
      : undefined;
  await Promise.resolve(); // lets the task go out before the work below
  const pearsonValues = pearsonMatrix(
    values,
    isComplete,
    columns.map((c) => c.spread),
  );
  const pearsonM = symmetric(p, (i, j) => pearsonValues[i * p + j] as number);
  const categorical = profiles.filter(isUsableCategorical);
  const crossed = crossCategorical(categorical, rows);
  const cramers = cramersMatrix(categorical, crossed);
  const eta = etaPairs(categorical, numeric, columns, crossed);
  const names = numeric.map((p) => p.name);
  const answered = await away;
  throwIfCancelled(cancel);
  const spearmanValues = answered ?? spearmanOfSampled(sampled, isComplete);
  const spearmanM = symmetric(p, (i, j) => spearmanValues[i * p + j] as number);
  const correlations = {
    columns: names,
    pearson: pearsonM,
    spearman: spearmanM,
    spearmanSample: sample === null ? null : { rows: sample.length, seed: SPEARMAN_SEED },
    omittedColumns: usable.slice(MAX_CORRELATION_COLUMNS).map((p) => p.name),
    categorical: { columns: categorical.map((p) => p.name), cramersV: cramers },
    eta,
    strongest: strongestPairs(
      names,
      pearsonM,
      spearmanM,
      categorical.map((p) => p.name),
      cramers,
      eta,
    ),
  };
  return { correlations, helped: answered !== undefined };
}

/*
 * Bias-corrected Cramér's V of every pair of categorical columns: the contingency table from the
 * crossed block when both are in one (no pass over the rows), else from their codes.
 */
function cramersMatrix(categorical: readonly ColumnProfile[], blocks: readonly CrossedGroupings[]): Matrix {
  const coded = categorical.map((p) => (p.reading.kind === 'coded' ? p.reading : undefined));
  const placeOf = blocks.flatMap((block) => block.groupings.map((_, g) => ({ block, g })));
  return symmetric(categorical.length, (i, j) => {
    const a = coded[i];
    const b = coded[j];
    if (a === undefined || b === undefined) return NaN;
    const [x, y] = [placeOf[i], placeOf[j]];
    const { table, n } =
      x !== undefined && y !== undefined && x.block === y.block
        ? blockContingency(x.block, x.g, y.g)
        : contingency(a.codes, b.codes, a.dictionary.length, b.dictionary.length);
    return cramersV(table, a.dictionary.length, b.dictionary.length, n);
  });
}

function pairsOf(
  names: readonly string[],
  m: Matrix,
  method: CorrelationMethod,
): CorrelationSummary['strongest'][number][] {
  const out: CorrelationSummary['strongest'][number][] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const value = m[i]?.[j];
      if (value != null) out.push({ columns: [names[i] ?? '', names[j] ?? ''], method, value });
    }
  }
  return out;
}

function strongestPairs(
  names: readonly string[],
  pearsonM: Matrix,
  spearmanM: Matrix,
  catNames: readonly string[],
  cramers: Matrix,
  eta: CorrelationSummary['eta'],
): CorrelationSummary['strongest'] {
  const all = [
    ...pairsOf(names, pearsonM, 'pearson'),
    ...pairsOf(names, spearmanM, 'spearman'),
    ...pairsOf(catNames, cramers, 'cramersV'),
    ...eta.map((e) => ({ columns: [e.categorical, e.numeric] as const, method: 'eta' as const, value: e.value })),
  ];
  return all.sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, STRONGEST_PAIRS);
}
