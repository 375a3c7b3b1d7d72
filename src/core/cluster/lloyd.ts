/*
 * Lloyd's iterations with the distance step on TensorFlow.js tensors (whatever backend the host
 * chose: WASM in the worker and the CLI). Distances use ‖c‖² − 2·x·cᵀ, folded into one matMul of
 * [x | 1] by a (d + 1) × k matrix (‖x‖² is the same for every centre, so the argmin needs no
 * per-point norm); the update sums rows by label in float64. Only the functional API is used:
 * chained ops are not registered in the browser ESM build (TOOLCHAIN.md).
 */
import type * as TF from '@tensorflow/tfjs-core';
import { throwIfCancelled } from '../cancel.ts';
import type { JobHooks } from '../job.ts';

export type Tf = typeof TF;

export interface LloydInput {
  readonly tf: Tf;
  /** The data as an n × (d + 1) float32 tensor [x | 1] from {@link augmentedTensor} (owned by the caller). */
  readonly x: TF.Tensor2D;
  /** The same data in float64, row-major, for exact final labels and inertia. */
  readonly data: Float64Array;
  readonly rows: number;
  readonly dims: number;
  readonly k: number;
}

export interface LloydResult {
  readonly centroids: Float64Array;
  readonly labels: Int32Array;
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** The rows' labels after an E-step, with the M-step's per-cluster sums and counts of those labels. */
export interface Step {
  readonly labels: Int32Array;
  readonly sums: Float64Array;
  readonly counts: Float64Array;
  /** Rows whose label differs from the step before (all rows for a first step). */
  readonly changed: number;
}

/**
 * The (d + 1) × k matrix that turns [x | 1] into ‖c‖² − 2·x·c for every centre in one matMul, so
 * the distance step is a single kernel plus an argmin (no broadcast subtraction, no ‖x‖²).
 */
function scoreMatrix(centroids: Float64Array, k: number, dims: number): Float32Array {
  const m = new Float32Array((dims + 1) * k);
  for (let c = 0; c < k; c++) {
    let norm = 0;
    for (let j = 0; j < dims; j++) {
      const v = centroids[c * dims + j] as number;
      m[j * k + c] = -2 * v;
      norm += v * v;
    }
    m[dims * k + c] = norm;
  }
  return m;
}

/* E-step on tensors: one matMul + argMin, the nearest centre of every row. */
async function assign(input: LloydInput, centroids: Float64Array): Promise<Int32Array> {
  const { tf, x, k, dims } = input;
  const labelsTensor = tf.tidy(() =>
    tf.argMin<TF.Tensor1D>(tf.matMul(x, tf.tensor2d(scoreMatrix(centroids, k, dims), [dims + 1, k])), 1),
  );
  try {
    return await labelsTensor.data<'int32'>();
  } finally {
    tf.dispose(labelsTensor);
  }
}

/*
 * M-step sums in float64 from the labels: summing rows by label is one pass in JS, where a dense
 * one-hot [n × k] matMul costs more on every backend.
 */
export function sumByLabel(input: Pick<LloydInput, 'data' | 'rows' | 'dims' | 'k'>, labels: Int32Array): Step {
  const { k, dims, data, rows } = input;
  const sums = new Float64Array(k * dims);
  const counts = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    const c = labels[i] as number;
    counts[c] = (counts[c] as number) + 1;
    const base = c * dims;
    const row = i * dims;
    for (let j = 0; j < dims; j++) sums[base + j] = (sums[base + j] as number) + (data[row + j] as number);
  }
  return { labels, sums, counts, changed: rows };
}

/**
 * The M-step sums of `labels` from those of the step `before`: only the rows whose label changed
 * move (late Lloyd iterations change few), O(n + changed·d) instead of O(n·d). The sums then
 * differ from a fresh pass by rounding only (a cluster left empty is reset to exact zeros).
 */
export function updateSums(input: Pick<LloydInput, 'data' | 'rows' | 'dims'>, before: Step, labels: Int32Array): Step {
  const { dims, data, rows } = input;
  const sums = before.sums.slice();
  const counts = before.counts.slice();
  let changed = 0;
  for (let i = 0; i < rows; i++) {
    const from = before.labels[i] as number;
    const to = labels[i] as number;
    if (from === to) continue;
    changed++;
    counts[from] = (counts[from] as number) - 1;
    counts[to] = (counts[to] as number) + 1;
    for (let j = 0; j < dims; j++) {
      const v = data[i * dims + j] as number;
      sums[from * dims + j] = (sums[from * dims + j] as number) - v;
      sums[to * dims + j] = (sums[to * dims + j] as number) + v;
    }
  }
  counts.forEach((count, c) => count === 0 && sums.fill(0, c * dims, (c + 1) * dims));
  return { labels, sums, counts, changed };
}

/* The E-step, and its sums: from the step before when there is one. */
async function assignAndSum(input: LloydInput, centroids: Float64Array, before?: Step): Promise<Step> {
  const labels = await assign(input, centroids);
  return before === undefined ? sumByLabel(input, labels) : updateSums(input, before, labels);
}

/** The n × (d + 1) float32 tensor [x | 1] that {@link lloyd} expects. The caller disposes it. */
export function augmentedTensor(tf: Tf, data: Float64Array, rows: number, dims: number): TF.Tensor2D {
  const values = new Float32Array(rows * (dims + 1));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < dims; j++) values[i * (dims + 1) + j] = data[i * dims + j] as number;
    values[i * (dims + 1) + dims] = 1;
  }
  return tf.tensor2d(values, [rows, dims + 1]);
}

/** One E-step and M-step from `centroids` (no relocation): the unit the benchmark times. */
export async function lloydIteration(input: LloydInput, centroids: Float64Array): Promise<Float64Array> {
  const step = await assignAndSum(input, centroids);
  const next = new Float64Array(input.k * input.dims);
  for (let i = 0; i < next.length; i++) {
    const count = step.counts[Math.floor(i / input.dims)] as number;
    next[i] = count === 0 ? (centroids[i] as number) : (step.sums[i] as number) / count;
  }
  return next;
}

/* Empty clusters take the points farthest from their centres, as scikit-learn relocates them. */
function relocateEmpty(
  input: LloydInput,
  step: Step,
  old: Float64Array,
  next: Float64Array,
  counts: Float64Array,
): void {
  const { k, dims, rows, data } = input;
  const empty = [...Array(k).keys()].filter((c) => counts[c] === 0);
  if (empty.length === 0) return;
  const far = Array.from({ length: rows }, (_, i) => i)
    .map((i) => ({ i, d: distanceTo(data, dims, i, old, step.labels[i] as number) }))
    .sort((a, b) => b.d - a.d)
    .slice(0, empty.length);
  empty.forEach((cluster, e) => {
    const point = far[e]?.i ?? 0;
    const from = step.labels[point] as number;
    for (let j = 0; j < dims; j++) {
      const v = data[point * dims + j] as number;
      const fromCount = counts[from] as number;
      next[from * dims + j] = fromCount > 1 ? ((next[from * dims + j] as number) * fromCount - v) / (fromCount - 1) : 0;
      next[cluster * dims + j] = v;
    }
    counts[from] = (counts[from] as number) - 1;
    counts[cluster] = 1;
  });
}

/** Squared distance from row i to centre c. */
export function distanceTo(data: Float64Array, dims: number, i: number, centroids: Float64Array, c: number): number {
  let d = 0;
  for (let j = 0; j < dims; j++) d += ((data[i * dims + j] as number) - (centroids[c * dims + j] as number)) ** 2;
  return d;
}

/** Exact (float64) E-step: nearest centre of every row and the total squared distance. O(n·k·d). */
export function assignExact(data: Float64Array, rows: number, dims: number, centroids: Float64Array, k: number) {
  const labels = new Int32Array(rows);
  let inertia = 0;
  for (let i = 0; i < rows; i++) {
    const row = i * dims;
    let best = Infinity;
    let bestC = 0;
    for (let c = 0; c < k; c++) {
      const base = c * dims;
      let d = 0;
      for (let j = 0; j < dims; j++) {
        const diff = (data[row + j] as number) - (centroids[base + j] as number);
        d += diff * diff;
      }
      if (d < best) {
        best = d;
        bestC = c;
      }
    }
    labels[i] = bestC;
    inertia += best;
  }
  return { labels, inertia };
}

/**
 * Runs Lloyd's algorithm from `init` until labels stop changing, the squared centre shift is at
 * most `tol`, or `maxIter` iterations — scikit-learn's stopping rules — then an exact E-step.
 * Calls `onIteration` after each iteration; checks cancel there.
 */
export async function lloyd(
  input: LloydInput,
  init: Float64Array,
  options: { readonly maxIter: number; readonly tol: number },
  hooks: JobHooks & { readonly onIteration?: (iteration: number) => Promise<void> | void } = {},
): Promise<LloydResult> {
  const { k, dims } = input;
  let centroids = init;
  let step: Step | undefined;
  let iterations = 0;
  let converged = false;
  while (iterations < options.maxIter) {
    throwIfCancelled(hooks.cancel);
    step = await assignAndSum(input, centroids, step);
    iterations++;
    const counts = step.counts.slice(); // relocation moves counts: the step's stay those of its labels
    const next = new Float64Array(k * dims);
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < dims; j++)
        next[c * dims + j] = counts[c] === 0 ? 0 : (step.sums[c * dims + j] as number) / (counts[c] as number);
    }
    relocateEmpty(input, step, centroids, next, counts);
    let shift = 0;
    for (let i = 0; i < next.length; i++) shift += ((next[i] as number) - (centroids[i] as number)) ** 2;
    centroids = next;
    await hooks.onIteration?.(iterations);
    if (step.changed === 0 || shift <= options.tol) {
      converged = true;
      break;
    }
  }
  const { labels } = assignExact(input.data, input.rows, dims, centroids, k);
  // The tensors are float32: recompute the centres of the final partition, and its inertia, in float64.
  const exact = meansByLabel(input, labels, centroids);
  let inertia = 0;
  for (let i = 0; i < input.rows; i++) inertia += distanceTo(input.data, dims, i, exact, labels[i] as number);
  return { centroids: exact, labels, inertia, iterations, converged };
}

/** Mean of each cluster's rows (float64); a cluster without rows keeps its previous centre. */
function meansByLabel(input: LloydInput, labels: Int32Array, previous: Float64Array): Float64Array {
  const { dims, k } = input;
  const { sums, counts } = sumByLabel(input, labels);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < dims; j++) {
      const n = counts[c] as number;
      sums[c * dims + j] = n > 0 ? (sums[c * dims + j] as number) / n : (previous[c * dims + j] as number);
    }
  }
  return sums;
}
