import { contingency, correlationRatio, cramersV, pairwiseComplete, pearson } from '../stats/correlation.ts';
import { sampleIndices } from '../stats/random.ts';
import { rankOrder, subsetRanks, type RankOrder } from '../stats/ranks.ts';
import type { ColumnProfile } from './column-profile.ts';

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

function isUsableCategorical(p: ColumnProfile): boolean {
  return (
    (p.type === 'categorical' || p.type === 'boolean') &&
    p.distinct >= CRAMERS_MIN_LEVELS &&
    p.distinct <= CRAMERS_MAX_LEVELS
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
  return rows === null ? values : Float64Array.from(rows, (r) => values[r] as number);
}

/*
 * Spearman on pairwise-complete rows, as pandas: ranks are recomputed on each pair's complete
 * rows. Each column is ordered once; a pair's ranks then take one O(n) pass per column.
 */
function spearmanMatrix(columns: readonly Float64Array[], rows: Int32Array | null): Matrix {
  const sampled = columns.map((v) => take(v, rows));
  const orders = sampled.map(rankOrder);
  const present = sampled.map((v) => Uint8Array.from(v, (x) => (Number.isFinite(x) ? 1 : 0)));
  return symmetric(columns.length, (i, j) => {
    const a = present[i] as Uint8Array;
    const b = present[j] as Uint8Array;
    const keep = Uint8Array.from(a, (x, r) => x & (b[r] as number));
    return pearson(subsetRanks(orders[i] as RankOrder, keep), subsetRanks(orders[j] as RankOrder, keep));
  });
}

/**
 * Pearson and Spearman (average ranks) on pairwise-complete rows of the usable numeric columns,
 * bias-corrected Cramér's V between categorical columns with 2–100 levels, η between those and
 * the numeric columns, and the strongest pairs of all. Spearman samples 100,000 rows (seed 42)
 * beyond that size and says so. O(p²·n) plus O(p²·n log n) for Spearman.
 */
export function correlate(profiles: readonly ColumnProfile[], rows: number): CorrelationSummary {
  const usable = profiles.filter(isUsableNumeric);
  const numeric = usable.slice(0, MAX_CORRELATION_COLUMNS);
  const values = numeric.map(valuesOf);
  const sample = rows > SPEARMAN_MAX_ROWS ? sampleIndices(rows, SPEARMAN_MAX_ROWS, SPEARMAN_SEED) : null;
  const pearsonM = symmetric(numeric.length, (i, j) => {
    const pair = pairwiseComplete(values[i] as Float64Array, values[j] as Float64Array);
    return pearson(pair.x, pair.y);
  });
  const categorical = profiles.filter(isUsableCategorical);
  const coded = categorical.map((p) => (p.reading.kind === 'coded' ? p.reading : undefined));
  const cramers = symmetric(categorical.length, (i, j) => {
    const a = coded[i];
    const b = coded[j];
    if (a === undefined || b === undefined) return NaN;
    const { table, n } = contingency(a.codes, b.codes, a.dictionary.length, b.dictionary.length);
    return cramersV(table, a.dictionary.length, b.dictionary.length, n);
  });
  const eta = categorical
    .flatMap((c, i) =>
      numeric.map((p, j) => {
        const a = coded[i];
        const value = a === undefined ? NaN : correlationRatio(a.codes, a.dictionary.length, values[j] as Float64Array);
        return { categorical: c.name, numeric: p.name, value };
      }),
    )
    .filter((e) => Number.isFinite(e.value));
  const names = numeric.map((p) => p.name);
  const spearmanM = spearmanMatrix(values, sample);
  return {
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
