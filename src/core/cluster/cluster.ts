/*
 * k-means end to end, as scikit-learn users run it: standardise, pick k by silhouette (k = 2..10,
 * k-means++ with 10 restarts keeping the lowest inertia), then profiles, a 2-D PCA projection and
 * a label per row. On a large table k is picked on a seeded sample and the chosen k refitted on
 * all rows by one Lloyd run from the sample's best centres.
 */
import { AnalysisError } from '../errors.ts';
import type { JobHooks } from '../job.ts';
import type { ColumnProfile } from '../profile/column-profile.ts';
import { sampleIndices } from '../stats/random.ts';
import type { Tf } from './lloyd.ts';
import {
  distinctRows,
  refit,
  scoreFits,
  subset,
  timeSlicer,
  SILHOUETTE_MAX_ROWS,
  type Fit,
  type FitSettings,
  type ProgressHooks,
} from './fit.ts';
import { fitAll, type ClusterHelper } from './fit-split.ts';
import { silhouette } from './metrics.ts';
import { buildFeatureMatrix, type FeatureMatrix, type PreprocessOptions } from './preprocess.ts';
import { describeClusters, type ClusterProfile } from './profiles.ts';
import { project, principalComponents } from './pca.ts';

export const K_MIN = 2;
export const K_MAX = 10;
/** k is chosen on at most this many rows (seeded sample), then refitted on all rows. */
export const SELECTION_MAX_ROWS = 20_000;
/** The PCA scatter shows at most this many points (seeded sample). */
export const SCATTER_MAX_POINTS = 5_000;

export interface ClusterOptions extends PreprocessOptions {
  readonly k?: number | 'auto';
  readonly nInit?: number;
  readonly maxIter?: number;
  readonly tol?: number;
  readonly seed?: number;
}

export interface Candidate {
  readonly k: number;
  readonly inertia: number;
  readonly silhouette: number;
  readonly calinskiHarabasz: number;
  readonly daviesBouldin: number;
}

export interface ClusteringResult {
  readonly features: readonly string[];
  readonly rowsUsed: number;
  readonly rowsDropped: number;
  readonly cellsImputed: number;
  readonly missing: 'drop' | 'median';
  readonly k: number;
  readonly kChosenBy: 'silhouette' | 'user';
  /** Why this k, in a sentence (English; the UI words it per language from the fields). */
  readonly reason: string;
  readonly inertia: number;
  readonly silhouette: number;
  readonly silhouetteSample: { readonly rows: number; readonly seed: number };
  readonly selection: { readonly rows: number; readonly seed: number; readonly refittedOnAllRows: boolean } | null;
  readonly candidates: readonly Candidate[];
  readonly sizes: readonly number[];
  readonly centroids: readonly (readonly number[])[];
  readonly centroidsStandardized: readonly (readonly number[])[];
  readonly clusters: readonly ClusterProfile[];
  readonly iterations: number;
  readonly converged: boolean;
  readonly nInit: number;
  readonly seed: number;
  readonly means: readonly number[];
  readonly scales: readonly number[];
  readonly pca: {
    readonly explainedVarianceRatio: readonly number[];
    readonly points: readonly (readonly [number, number, number])[];
    readonly sampleRows: number;
    readonly seed: number;
  };
  /** Cluster of every table row; -1 for rows not clustered (missing values). */
  readonly labels: Int32Array;
  /** Threads that fitted the candidate k (2: a second thread took some); reported as engine.clusterThreads. */
  readonly threads: 1 | 2;
}

function checkK(k: number, distinct: number): void {
  if (!Number.isInteger(k) || k < 1)
    throw new AnalysisError(
      'K_OUT_OF_RANGE',
      { en: `k must be a whole number ≥ 1, not ${k}.`, es: `k debe ser un número entero ≥ 1, no ${k}.` },
      { k },
    );
  if (k > distinct) {
    throw new AnalysisError(
      'K_OUT_OF_RANGE',
      {
        en: `k = ${k} but the data has only ${distinct} distinct point(s): choose k ≤ ${distinct}.`,
        es: `k = ${k}, pero los datos solo tienen ${distinct} punto(s) distinto(s): elige k ≤ ${distinct}.`,
      },
      {
        k,
        distinct,
      },
    );
  }
}

/**
 * Clusters the profiled table. With `k: 'auto'` (default) every k in 2..min(10, distinct points)
 * is fitted and scored; the highest silhouette wins. Deterministic for a given seed (default 0).
 * With a `helper` (a second thread), some of the k are fitted there, with the same result.
 */
export async function clusterTable(
  tf: Tf,
  profiles: readonly ColumnProfile[],
  rows: number,
  options: ClusterOptions = {},
  hooks: JobHooks = {},
  helper?: ClusterHelper,
): Promise<ClusteringResult> {
  const settings: FitSettings = {
    nInit: options.nInit ?? 10,
    maxIter: options.maxIter ?? 300,
    tol: options.tol ?? 1e-4,
    seed: options.seed ?? 0,
  };
  const matrix = buildFeatureMatrix(profiles, rows, options);
  const requested = options.k ?? 'auto';
  // Counted far enough to check the k asked for (beyond K_MAX too), and no further.
  const distinct = distinctRows(matrix, Math.max(K_MAX, requested === 'auto' ? 0 : requested) + 1);
  const ks = requested === 'auto' ? range(K_MIN, Math.min(K_MAX, distinct, matrix.rows - 1)) : [requested];
  if (requested !== 'auto') checkK(requested, distinct);
  if (ks.length === 0 && distinct >= 2) {
    // The silhouette that picks k needs k < rows: two rows leave no k to try.
    const message = {
      en: `Choosing k needs at least 3 rows with every feature; the data has ${matrix.rows}.`,
      es: `Elegir k necesita al menos 3 filas con todas las variables; los datos tienen ${matrix.rows}.`,
    };
    throw new AnalysisError('K_OUT_OF_RANGE', message, { rows: matrix.rows });
  }
  if (ks.length === 0)
    throw new AnalysisError(
      'K_OUT_OF_RANGE',
      {
        en: `Clustering needs at least 2 distinct points; the data has ${distinct}.`,
        es: `El clustering necesita al menos 2 puntos distintos; los datos tienen ${distinct}.`,
      },
      { distinct },
    );
  const sampled = requested === 'auto' && matrix.rows > SELECTION_MAX_ROWS;
  const selectionData = sampled
    ? subset(matrix, sampleIndices(matrix.rows, SELECTION_MAX_ROWS, settings.seed))
    : matrix;
  const totalTicks = ks.length * settings.nInit + (sampled ? 1 : 0);
  let ticks = 0;
  const progress: ProgressHooks = {
    ...hooks,
    tick: () => hooks.onProgress?.({ stage: 'cluster', done: ++ticks, total: totalTicks }),
    report: (detail) => hooks.onProgress?.({ stage: 'cluster', done: ticks, total: totalTicks, detail }),
    yieldSometimes: timeSlicer(hooks),
  };
  const { fits, threads } = await fitAll(tf, selectionData, ks, settings, progress, helper);
  const candidates = scoreFits(selectionData, fits, settings.seed);
  const chosen = requested === 'auto' ? bestBySilhouette(candidates) : requested;
  const chosenFit = fits.get(chosen) as Fit;
  const finalFit = sampled ? await refit(tf, matrix, chosen, chosenFit, settings, progress) : chosenFit;
  const best = candidates.find((c) => c.k === chosen);
  return assemble(matrix, finalFit, chosen, candidates, settings, rows, {
    threads,
    kChosenBy: requested === 'auto' ? 'silhouette' : 'user',
    reason:
      requested === 'auto'
        ? `k = ${chosen} has the highest silhouette (${best?.silhouette.toFixed(3) ?? '?'}) of k = ${ks[0] ?? K_MIN}..${ks[ks.length - 1] ?? K_MAX}${sampled ? `, scored on ${selectionData.rows} sampled rows and refitted on all ${matrix.rows} from the sample's best centres` : ''}.`
        : `k = ${chosen} was set by the user.`,
    selection: sampled ? { rows: selectionData.rows, seed: settings.seed, refittedOnAllRows: true } : null,
  });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

function bestBySilhouette(candidates: readonly Candidate[]): number {
  let best = candidates[0];
  for (const c of candidates) if (best === undefined || c.silhouette > best.silhouette) best = c;
  return best?.k ?? K_MIN;
}

function assemble(
  m: FeatureMatrix,
  fit: Fit,
  k: number,
  candidates: readonly Candidate[],
  s: FitSettings,
  rows: number,
  how: Pick<ClusteringResult, 'kChosenBy' | 'reason' | 'selection' | 'threads'>,
): ClusteringResult {
  const sample = sampleIndices(m.rows, SILHOUETTE_MAX_ROWS, s.seed);
  const sil = silhouette(m.data, m.dims, fit.labels, k, sample);
  const sizes = new Array<number>(k).fill(0);
  for (const label of fit.labels) sizes[label] = (sizes[label] ?? 0) + 1;
  const standardized = Array.from({ length: k }, (_, c) =>
    Array.from(fit.centroids.subarray(c * m.dims, (c + 1) * m.dims)),
  );
  const original = standardized.map((row) => row.map((z, j) => z * (m.scales[j] as number) + (m.means[j] as number)));
  const labels = new Int32Array(rows).fill(-1);
  fit.labels.forEach((label, i) => (labels[m.rowIndex[i] as number] = label));
  const projection = principalComponents(m.data, m.rows, m.dims);
  const scatter = sampleIndices(m.rows, SCATTER_MAX_POINTS, s.seed);
  return {
    features: m.names,
    rowsUsed: m.rows,
    rowsDropped: m.rowsDropped,
    cellsImputed: m.cellsImputed,
    missing: m.missing,
    k,
    ...how,
    inertia: fit.inertia,
    silhouette: sil.mean,
    silhouetteSample: { rows: sample.length, seed: s.seed },
    candidates,
    sizes,
    centroids: original,
    centroidsStandardized: standardized,
    clusters: describeClusters(m, fit.labels, standardized, sizes, sil.perCluster),
    iterations: fit.iterations,
    converged: fit.converged,
    nInit: s.nInit,
    seed: s.seed,
    means: Array.from(m.means),
    scales: Array.from(m.scales),
    pca: {
      explainedVarianceRatio: projection.explainedVarianceRatio,
      points: Array.from(scatter, (i) => [...project(m.data, m.dims, i, projection), fit.labels[i] as number] as const),
      sampleRows: scatter.length,
      seed: s.seed,
    },
    labels,
  };
}
