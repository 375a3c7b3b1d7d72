/*
 * One Lloyd iteration on 200,000 × 8 blobs, k = 8, from the same initial centroids: the engine
 * (distance step on TF.js WASM, float64 update by label), a plain typed-array loop, and ml-kmeans.
 * Measured in one process, warm, as ms per iteration: each timed call runs ITERATIONS iterations
 * and is divided by them. ml-kmeans gets `tolerance: -1` so that it never stops early (a moved
 * distance is never below −1) and exactly `maxIterations` iterations run; its input is converted
 * to number[][] outside the timing.
 */
import * as tf from '@tensorflow/tfjs-core';
import { kmeans } from 'ml-kmeans';
import { augmentedTensor, lloydIteration } from '../../src/core/cluster/lloyd.ts';
import { startTf } from '../../workers/tf-init.ts';
import { median, scaled, timeRuns, type BenchRow, type BenchSettings } from './bench-row.ts';
import { blobs } from './data.ts';
import { DIMS, ITERATIONS, K, plainIteration } from './kmeans-kernel.ts';

function toRows(data: Float64Array, rows: number, dims: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * dims, (i + 1) * dims)));
}

/** The k-means rows: plain loop (baseline), TF.js engine, ml-kmeans. */
export async function benchKMeansIteration(settings: BenchSettings): Promise<BenchRow[]> {
  const rows = scaled(settings, 200_000);
  const runs = Math.max(settings.runs, 5);
  const backend = await startTf();
  const data = blobs(rows, DIMS, K);
  const init = data.slice(0, K * DIMS);
  const size = `${rows.toLocaleString('en')} × ${DIMS}, k = ${K}`;
  const plainName = `k-means iteration ${size}: plain typed-array loop`;
  const mlName = `k-means iteration ${size}: ml-kmeans 7.0.1`;

  const plain = await timeRuns(
    runs,
    () => {
      let c: Float64Array = init;
      for (let i = 0; i < ITERATIONS; i++) c = plainIteration(data, rows, c);
    },
    ITERATIONS,
  );

  const x = augmentedTensor(tf, data, rows, DIMS);
  const input = { tf, x, data, rows, dims: DIMS, k: K };
  const engine = await timeRuns(
    runs,
    async () => {
      for (let i = 0; i < ITERATIONS; i++) await lloydIteration(input, init);
    },
    ITERATIONS,
  );
  tf.dispose(x);

  const points = toRows(data, rows, DIMS);
  const initRows = toRows(init, K, DIMS);
  let mlIterations = 0;
  const ml = await timeRuns(
    runs,
    () => {
      const result = kmeans(points, K, { initialization: initRows, maxIterations: ITERATIONS, tolerance: -1 });
      mlIterations = result.iterations;
    },
    ITERATIONS,
  );
  if (mlIterations !== ITERATIONS) throw new Error(`ml-kmeans ran ${mlIterations} iterations, not ${ITERATIONS}`);

  const row = (stage: string, times: number[], baselines?: string[]): BenchRow => ({
    group: 'kmeans',
    stage,
    where: 'node',
    ms: median(times),
    runs: times,
    baselines,
    extra: { rows, dims: DIMS, k: K, iterationsPerRun: ITERATIONS },
  });
  return [
    row(plainName, plain),
    row(mlName, ml),
    row(`k-means iteration ${size}: TF.js ${backend.backend} engine`, engine, [plainName, mlName]),
  ];
}
