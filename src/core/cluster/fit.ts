/*
 * Fitting one k: the best of n restarts of k-means++ and Lloyd on one matrix, its quality scores,
 * and the time-slicing that lets a cancel land between iterations.
 */
import { AnalysisError } from '../errors.ts';
import type { JobHooks } from '../job.ts';
import type { ProgressEvent } from '../progress.ts';
import { createRandom, sampleIndices } from '../stats/random.ts';
import type { Candidate } from './cluster.ts';
import { kMeansPlusPlus } from './kmeans-init.ts';
import { augmentedTensor, lloyd, type LloydResult, type Tf } from './lloyd.ts';
import { calinskiHarabasz, daviesBouldin, silhouettes } from './metrics.ts';
import type { FeatureMatrix } from './preprocess.ts';

/** Silhouette is computed on at most this many rows (seeded sample). */
export const SILHOUETTE_MAX_ROWS = 5_000;

export interface Fit extends LloydResult {
  readonly restarts: number;
}

/** Distinct rows of the matrix, counted up to `limit` (k cannot exceed them). O(n·d). */
export function distinctRows(m: FeatureMatrix, limit: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < m.rows && seen.size < limit; i++)
    seen.add(m.data.subarray(i * m.dims, (i + 1) * m.dims).join(','));
  return seen.size;
}

export function subset(m: FeatureMatrix, rows: Int32Array): FeatureMatrix {
  const data = new Float64Array(rows.length * m.dims);
  rows.forEach((r, i) => data.set(m.data.subarray(r * m.dims, (r + 1) * m.dims), i * m.dims));
  return { ...m, data, rows: rows.length, rowIndex: Int32Array.from(rows, (r) => m.rowIndex[r] as number) };
}

export interface FitSettings {
  readonly nInit: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly seed: number;
}

/** Mean over features of their (population) variance, as sklearn's _tolerance. O(n·d). */
export function meanVariance(m: Matrix): number {
  let total = 0;
  for (let j = 0; j < m.dims; j++) {
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < m.rows; i++) {
      const v = m.data[i * m.dims + j] as number;
      sum += v;
      squares += v * v;
    }
    const mean = sum / Math.max(1, m.rows);
    total += Math.max(0, squares / Math.max(1, m.rows) - mean * mean);
  }
  return total / Math.max(1, m.dims);
}

type Matrix = Pick<FeatureMatrix, 'data' | 'rows' | 'dims'>;
type LloydRun = (init: Float64Array, restart: number) => Promise<LloydResult>;

/*
 * Runs `body` with Lloyd on `m` as [x | 1] (the tensor disposed after): each run from `init`
 * reports its iterations as restart `restart` of `restarts`, yields now and then, and ticks.
 */
async function withLloyd<T>(
  tf: Tf,
  m: Matrix,
  k: number,
  s: FitSettings,
  hooks: ProgressHooks,
  restarts: number,
  body: (run: LloydRun) => Promise<T>,
): Promise<T> {
  const x = augmentedTensor(tf, m.data, m.rows, m.dims);
  // scikit-learn's tolerance is relative: tol × the mean of the features' variances.
  const stopping = { maxIter: s.maxIter, tol: s.tol * meanVariance(m) };
  const run: LloydRun = async (init, restart) => {
    const result = await lloyd({ tf, x, data: m.data, rows: m.rows, dims: m.dims, k }, init, stopping, {
      ...hooks,
      onIteration: (iteration) => {
        hooks.report({ k, restart, restarts, iteration });
        return hooks.yieldSometimes();
      },
    });
    hooks.tick();
    return result;
  };
  try {
    return await body(run);
  } finally {
    tf.dispose(x);
  }
}

/** Best of `nInit` k-means++ restarts on one matrix (lowest inertia). */
export async function fitBest(tf: Tf, m: Matrix, k: number, s: FitSettings, hooks: ProgressHooks): Promise<Fit> {
  const random = createRandom(s.seed * 7919 + k);
  const best = await withLloyd(tf, m, k, s, hooks, s.nInit, async (run) => {
    let best: Fit | undefined;
    for (let restart = 0; restart < s.nInit; restart++) {
      const seeds = kMeansPlusPlus(m.data, m.rows, m.dims, k, random);
      const init = new Float64Array(k * m.dims);
      seeds.forEach((row, c) => init.set(m.data.subarray(row * m.dims, (row + 1) * m.dims), c * m.dims));
      const result = await run(init, restart + 1);
      if (best === undefined || result.inertia < best.inertia) best = { ...result, restarts: s.nInit };
    }
    return best;
  });
  if (best === undefined) throw new AnalysisError('INTERNAL', 'k-means ran no restart.');
  return best;
}

/**
 * The chosen k refitted on all rows: one Lloyd run from the centres of its best restart on the
 * selection sample (already a k-means++ best of n), instead of n restarts on all rows. Lloyd
 * never raises the inertia of its start, and its start already sits near a minimum.
 */
export async function refit(
  tf: Tf,
  m: Matrix,
  k: number,
  fromSample: Fit,
  s: FitSettings,
  hooks: ProgressHooks,
): Promise<Fit> {
  return withLloyd(tf, m, k, s, hooks, 1, async (run) => ({ ...(await run(fromSample.centroids, 1)), restarts: 1 }));
}

export type ProgressHooks = JobHooks & {
  readonly tick: () => void;
  readonly report: (detail: NonNullable<ProgressEvent['detail']>) => void;
  readonly yieldSometimes: () => Promise<void> | undefined;
};

/** Yielding costs a turn of the event loop (4 ms where a host yields by nested timers): at most once per this many ms. */
const YIELD_INTERVAL_MS = 30;

export function timeSlicer(hooks: JobHooks): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (hooks.yieldNow === undefined || now - last < YIELD_INTERVAL_MS) return undefined;
    last = now;
    return hooks.yieldNow();
  };
}

/** Every fit's scores, the silhouettes of all of them from one pass over the sampled pairs. */
export function scoreFits(m: FeatureMatrix, fits: ReadonlyMap<number, Fit>, seed: number): Candidate[] {
  const sample = sampleIndices(m.rows, SILHOUETTE_MAX_ROWS, seed);
  const entries = [...fits];
  const scores = silhouettes(
    m.data,
    m.dims,
    sample,
    entries.map(([k, fit]) => ({ labels: fit.labels, k })),
  );
  return entries.map(([k, fit], i) => {
    const partition = { data: m.data, rows: m.rows, dims: m.dims, labels: fit.labels, centroids: fit.centroids, k };
    return {
      k,
      inertia: fit.inertia,
      silhouette: scores[i]?.mean ?? NaN,
      calinskiHarabasz: calinskiHarabasz(partition),
      daviesBouldin: daviesBouldin(partition),
    };
  });
}
