/*
 * Turns profiled columns into a standardised feature matrix for k-means, as scikit-learn users
 * would by hand: numeric columns (optionally one-hot categories), rows with missing values dropped
 * or median-imputed, then z-scores with the population standard deviation (StandardScaler).
 */
import { AnalysisError, noColumn } from '../errors.ts';
import type { ColumnProfile } from '../profile/column-profile.ts';

export const ONE_HOT_MAX_LEVELS = 10;

export interface PreprocessOptions {
  /** Feature columns by name; default: integer and numeric columns that are not ids or constant. */
  readonly features?: readonly string[];
  /** One-hot encode these categorical columns (≤ 10 levels each). */
  readonly oneHot?: readonly string[];
  /** What to do with rows that miss a feature value. */
  readonly missing?: 'drop' | 'median';
}

export interface FeatureMatrix {
  /** Row-major n × d standardised values. */
  readonly data: Float64Array;
  readonly rows: number;
  readonly dims: number;
  /** Feature names (one-hot features are `column=level`). */
  readonly names: readonly string[];
  readonly means: Float64Array;
  /** Population standard deviations (1 where a feature is constant, as StandardScaler does). */
  readonly scales: Float64Array;
  /** For each matrix row, its 0-based table row. */
  readonly rowIndex: Int32Array;
  readonly rowsDropped: number;
  readonly cellsImputed: number;
  readonly missing: 'drop' | 'median';
}

/** Integer/numeric columns that are not identifiers, constant or empty. */
export function defaultFeatures(profiles: readonly ColumnProfile[]): string[] {
  return profiles
    .filter(
      (p) =>
        (p.type === 'integer' || p.type === 'numeric') &&
        !p.flags.some((f) => f === 'id' || f === 'constant' || f === 'empty'),
    )
    .map((p) => p.name);
}

interface RawFeature {
  readonly name: string;
  readonly values: Float64Array;
}

/* Why a numeric column is not a default feature, in Spanish. */
const FEATURE_REASONS_ES = { id: 'identificador', constant: 'constante', empty: 'vacía', 'not chosen': 'no elegida' };

function numericFeature(p: ColumnProfile): RawFeature {
  if (p.reading.kind !== 'numeric') {
    throw new AnalysisError(
      'INVALID_OPTION',
      {
        en: `"${p.name}" is not numeric: it cannot be a k-means feature (one-hot it instead).`,
        es: `«${p.name}» no es numérica: no puede ser una variable de k-means (codifícala one-hot).`,
      },
      {
        column: p.name,
      },
    );
  }
  return { name: p.name, values: p.reading.values };
}

function oneHotFeatures(p: ColumnProfile): RawFeature[] {
  if (p.reading.kind !== 'coded' || p.distinct > ONE_HOT_MAX_LEVELS) {
    throw new AnalysisError(
      'INVALID_OPTION',
      {
        en: `"${p.name}" cannot be one-hot encoded: it needs 2 to ${ONE_HOT_MAX_LEVELS} categories.`,
        es: `«${p.name}» no se puede codificar one-hot: necesita de 2 a ${ONE_HOT_MAX_LEVELS} categorías.`,
      },
      {
        column: p.name,
      },
    );
  }
  const { codes, dictionary } = p.reading;
  return dictionary.map((level, code) => ({
    name: `${p.name}=${level}`,
    values: Float64Array.from(codes, (c) => (c < 0 ? NaN : c === code ? 1 : 0)),
  }));
}

function findColumn(profiles: readonly ColumnProfile[], name: string): ColumnProfile {
  const p = profiles.find((c) => c.name === name);
  if (p === undefined) throw new AnalysisError('INVALID_OPTION', noColumn(name), { column: name });
  return p;
}

function medianOf(values: Float64Array): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort();
  const n = finite.length;
  if (n === 0) return 0;
  return n % 2 === 1
    ? (finite[(n - 1) / 2] as number)
    : ((finite[n / 2 - 1] as number) + (finite[n / 2] as number)) / 2;
}

/**
 * Builds the standardised matrix. Throws NO_NUMERIC_COLUMNS when there is no feature, and
 * K_OUT_OF_RANGE-free: the caller checks k against the rows kept. O(n·d).
 */
export function buildFeatureMatrix(
  profiles: readonly ColumnProfile[],
  rows: number,
  options: PreprocessOptions = {},
): FeatureMatrix {
  const names = options.features ?? defaultFeatures(profiles);
  const raw = [
    ...names.map((n) => numericFeature(findColumn(profiles, n))),
    ...(options.oneHot ?? []).flatMap((n) => oneHotFeatures(findColumn(profiles, n))),
  ];
  if (raw.length === 0) {
    // Say which numeric columns there were, and why none of them is a feature by default.
    // The details map each numeric column to its reason, for a message in the page's language.
    const numeric = profiles.filter((p) => p.type === 'integer' || p.type === 'numeric');
    const reasons = numeric.map(
      (p) => [p.name, p.flags.find((f) => f === 'id' || f === 'constant' || f === 'empty') ?? 'not chosen'] as const,
    );
    const why = reasons.map(([name, reason]) => `${name} (${reason})`);
    const whyEs = reasons.map(([name, reason]) => `${name} (${FEATURE_REASONS_ES[reason]})`);
    throw new AnalysisError(
      'NO_NUMERIC_COLUMNS',
      numeric.length === 0
        ? {
            en: 'There are no numeric columns to cluster: choose features or one-hot a category.',
            es: 'No hay columnas numéricas que agrupar: elige variables o codifica una categoría (one-hot).',
          }
        : {
            en: `No numeric column can be clustered by default: ${why.join(', ')}. Choose features or one-hot a category.`,
            es: `Ninguna columna numérica se puede agrupar por defecto: ${whyEs.join(', ')}. Elige variables o codifica una categoría (one-hot).`,
          },
      numeric.length === 0 ? undefined : Object.fromEntries(reasons),
    );
  }
  const missing = options.missing ?? 'drop';
  const kept = missing === 'median' ? Int32Array.from({ length: rows }, (_, r) => r) : completeRows(raw, rows);
  const dims = raw.length;
  const data = new Float64Array(kept.length * dims);
  let cellsImputed = 0;
  raw.forEach((f, j) => {
    cellsImputed += copyColumn(f.values, kept, data, dims, j, missing === 'median' ? medianOf(f.values) : NaN);
  });
  const { means, scales } = standardise(data, kept.length, dims);
  return {
    data,
    rows: kept.length,
    dims,
    names: raw.map((f) => f.name),
    means,
    scales,
    rowIndex: kept,
    rowsDropped: rows - kept.length,
    cellsImputed,
    missing,
  };
}

/* The rows where every feature is finite, in order. */
function completeRows(raw: readonly RawFeature[], rows: number): Int32Array {
  const complete = new Uint8Array(rows).fill(1);
  for (const f of raw) {
    const values = f.values;
    for (let r = 0; r < rows; r++) if (!Number.isFinite(values[r])) complete[r] = 0;
  }
  const kept = new Int32Array(complete.reduce((n, c) => n + c, 0));
  for (let r = 0, i = 0; r < rows; r++) if (complete[r] === 1) kept[i++] = r;
  return kept;
}

/* Column j of the row-major matrix from the kept rows of `values`, a non-finite value as `fill`; returns how many. */
function copyColumn(
  values: Float64Array,
  kept: Int32Array,
  data: Float64Array,
  dims: number,
  j: number,
  fill: number,
): number {
  let filled = 0;
  for (let i = 0; i < kept.length; i++) {
    const v = values[kept[i] as number] as number;
    if (Number.isFinite(v)) data[i * dims + j] = v;
    else {
      data[i * dims + j] = fill;
      filled++;
    }
  }
  return filled;
}

/** In-place z-scores with population standard deviations (StandardScaler: scale 1 when σ = 0). */
export function standardise(
  data: Float64Array,
  rows: number,
  dims: number,
): { means: Float64Array; scales: Float64Array } {
  const means = new Float64Array(dims);
  const scales = new Float64Array(dims);
  for (let j = 0; j < dims; j++) {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += data[i * dims + j] as number;
    const mean = rows === 0 ? 0 : sum / rows;
    let ss = 0;
    for (let i = 0; i < rows; i++) ss += ((data[i * dims + j] as number) - mean) ** 2;
    const std = rows === 0 ? 0 : Math.sqrt(ss / rows);
    means[j] = mean;
    scales[j] = std === 0 ? 1 : std;
    for (let i = 0; i < rows; i++) data[i * dims + j] = ((data[i * dims + j] as number) - mean) / (scales[j] as number);
  }
  return { means, scales };
}
