/*
 * One Lloyd iteration on 200,000 × 8 points, k = 8, as the engine runs it (distance step on TF.js
 * WASM, float64 update by label) against a plain typed-array loop, measured side by side in one
 * process. Run with `npm run bench`. Prints medians of several runs and their ratio.
 */
import * as tf from '@tensorflow/tfjs-core';
import { augmentedTensor, lloydIteration } from '../../src/core/cluster/lloyd.ts';
import { createRandom } from '../../src/core/stats/random.ts';
import { startTf } from '../../workers/tf-init.ts';
import type { BenchRow } from './ingest.bench.ts';

const ROWS = 200_000;
const DIMS = 8;
const K = 8;
const RUNS = 7;
const ITERATIONS = 10;

function blobs(): Float64Array {
  const random = createRandom(2026);
  const data = new Float64Array(ROWS * DIMS);
  for (let i = 0; i < ROWS; i++) for (let j = 0; j < DIMS; j++) data[i * DIMS + j] = (i % K) * 3 + random() * 2;
  return data;
}

/** The baseline: distances, argmin and sums in one typed-array pass. */
function plainIteration(data: Float64Array, centroids: Float64Array): Float64Array {
  const sums = new Float64Array(K * DIMS);
  const counts = new Float64Array(K);
  for (let i = 0; i < ROWS; i++) {
    let best = Infinity;
    let bestC = 0;
    for (let c = 0; c < K; c++) {
      let d = 0;
      for (let j = 0; j < DIMS; j++) {
        const v = (data[i * DIMS + j] as number) - (centroids[c * DIMS + j] as number);
        d += v * v;
      }
      if (d < best) {
        best = d;
        bestC = c;
      }
    }
    counts[bestC] = (counts[bestC] as number) + 1;
    for (let j = 0; j < DIMS; j++)
      sums[bestC * DIMS + j] = (sums[bestC * DIMS + j] as number) + (data[i * DIMS + j] as number);
  }
  for (let i = 0; i < K * DIMS; i++)
    sums[i] = (sums[i] as number) / Math.max(1, counts[Math.floor(i / DIMS)] as number);
  return sums;
}

async function median(run: () => Promise<void> | void): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < ITERATIONS; i++) await run();
    times.push((performance.now() - t0) / ITERATIONS);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
}

/** One Lloyd iteration on the engine and on a plain loop, same data, same process. */
export async function benchKMeansIteration(): Promise<BenchRow[]> {
  const backend = await startTf();
  const data = blobs();
  const init = data.slice(0, K * DIMS);
  const x = augmentedTensor(tf, data, ROWS, DIMS);
  const input = { tf, x, data, rows: ROWS, dims: DIMS, k: K };
  await lloydIteration(input, init); // warm-up
  const engineMs = await median(async () => {
    await lloydIteration(input, init);
  });
  plainIteration(data, init);
  const plainMs = await median(() => {
    plainIteration(data, init);
  });
  tf.dispose(x);
  const size = `${ROWS.toLocaleString('en')} × ${DIMS}, k = ${K}`;
  return [
    { name: `k-means iteration ${size}: plain typed-array loop`, ms: plainMs, ratio: 1 },
    { name: `k-means iteration ${size}: TF.js ${backend.backend} engine`, ms: engineMs, ratio: plainMs / engineMs },
  ];
}
