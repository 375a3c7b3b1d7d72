/*
 * The clustering of a large table (k chosen on a sample, then refitted on all rows) and the
 * silhouette of several labellings in one pass, against straightforward versions written here.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterTable, SELECTION_MAX_ROWS, type ClusteringResult } from '../../src/core/cluster/cluster.ts';
import { fitBest, meanVariance, subset } from '../../src/core/cluster/fit.ts';
import { assignExact, augmentedTensor, lloyd, sumByLabel, updateSums } from '../../src/core/cluster/lloyd.ts';
import { silhouettes } from '../../src/core/cluster/metrics.ts';
import { buildFeatureMatrix } from '../../src/core/cluster/preprocess.ts';
import { profileTable, type TableProfile } from '../../src/core/profile/profile.ts';
import { createRandom, sampleIndices } from '../../src/core/stats/random.ts';
import { startTf } from '../../workers/tf-init.ts';
import { ingestText } from './helpers.ts';

beforeAll(async () => {
  expect((await startTf()).backend).toBe('wasm');
});

/* The silhouette as first written: every pair twice, each row's distances summed in order. */
function naiveSilhouette(data: Float64Array, dims: number, labels: Int32Array, k: number, sample: Int32Array) {
  const m = sample.length;
  const sizes = new Float64Array(k);
  for (const i of sample) sizes[labels[i] as number] = (sizes[labels[i] as number] as number) + 1;
  const perSum = new Float64Array(k);
  let total = 0;
  for (let a = 0; a < m; a++) {
    const sums = new Float64Array(k);
    const i = sample[a] as number;
    for (let b = 0; b < m; b++) {
      if (a === b) continue;
      const j = sample[b] as number;
      let d = 0;
      for (let t = 0; t < dims; t++) d += ((data[i * dims + t] as number) - (data[j * dims + t] as number)) ** 2;
      sums[labels[j] as number] = (sums[labels[j] as number] as number) + Math.sqrt(d);
    }
    const own = labels[i] as number;
    let s = 0;
    if ((sizes[own] as number) > 1) {
      const inside = (sums[own] as number) / ((sizes[own] as number) - 1);
      let nearest = Infinity;
      for (let c = 0; c < k; c++)
        if (c !== own && (sizes[c] as number) > 0)
          nearest = Math.min(nearest, (sums[c] as number) / (sizes[c] as number));
      s = Number.isFinite(nearest) ? (nearest - inside) / Math.max(inside, nearest) : 0;
    }
    perSum[own] = (perSum[own] as number) + s;
    total += s;
  }
  return {
    mean: k < 2 || m === 0 ? NaN : total / m,
    perCluster: Array.from(sizes, (n, c) => (n > 0 ? (perSum[c] as number) / n : NaN)),
  };
}

describe('silhouettes of several labellings at once', () => {
  it('equals the straightforward silhouette of each, bit for bit', () => {
    const random = createRandom(7);
    for (const dims of [1, 3]) {
      const rows = 400;
      const data = Float64Array.from({ length: rows * dims }, () => Math.round(random() * 1000) / 100);
      const labellings = [
        { labels: Int32Array.from({ length: rows }, () => Math.floor(random() * 3)), k: 3 },
        // cluster 4 holds no row and cluster 0 a single one (its silhouette is 0)
        { labels: Int32Array.from({ length: rows }, (_, i) => (i === 5 ? 0 : 1 + (i % 3))), k: 5 },
        { labels: Int32Array.from({ length: rows }, (_, i) => ((data[i * dims] as number) > 5 ? 1 : 0)), k: 2 },
      ];
      const sample = sampleIndices(rows, 150, 3);
      const together = silhouettes(data, dims, sample, labellings);
      labellings.forEach(({ labels, k }, l) => {
        const alone = naiveSilhouette(data, dims, labels, k, sample);
        expect(Object.is(together[l]?.mean, alone.mean)).toBe(true);
        expect(together[l]?.perCluster).toEqual(alone.perCluster);
      });
      expect(together[1]?.perCluster[4]).toBeNaN();
    }
  });

  it('gives NaN without rows and for a single cluster', () => {
    const data = Float64Array.from([0, 1, 2]);
    const [none, one] = silhouettes(data, 1, new Int32Array(0), [
      { labels: Int32Array.from([0, 1, 1]), k: 2 },
      { labels: Int32Array.from([0, 0, 0]), k: 1 },
    ]).concat(silhouettes(data, 1, Int32Array.from([0, 1, 2]), [{ labels: Int32Array.from([0, 0, 0]), k: 1 }]));
    expect(none?.mean).toBeNaN();
    expect(one?.mean).toBeNaN();
  });
});

/* Four blobs in three dimensions with noise, rows beyond the selection sample. */
function blobsCsv(rows: number): string {
  const random = createRandom(11);
  const centres = [
    [0, 0, 0],
    [6, 0, 1],
    [0, 6, -1],
    [6, 6, 5],
  ];
  const lines = ['x,y,z'];
  for (let i = 0; i < rows; i++) {
    const centre = centres[i % 4] as number[];
    lines.push(centre.map((c) => (c + (random() + random() + random() - 1.5) * 1.2).toFixed(3)).join(','));
  }
  return lines.join('\n');
}

describe('a table larger than the selection sample', () => {
  const rows = SELECTION_MAX_ROWS + 5_000;
  const settings = { nInit: 2, seed: 5 };
  let profile: TableProfile;
  let result: ClusteringResult;

  beforeAll(async () => {
    const ingested = await ingestText(blobsCsv(rows));
    profile = await profileTable(ingested.table, { format: { decimal: '.', thousands: '' } });
    result = await clusterTable(tf, profile.columns, rows, settings);
  });

  it('chooses k on the stated sample and says how it refitted', () => {
    expect(result.k).toBe(4);
    expect(result.selection).toEqual({ rows: SELECTION_MAX_ROWS, seed: 5, refittedOnAllRows: true });
    expect(result.reason).toContain(`refitted on all ${rows} from the sample's best centres`);
    expect(result.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(result.sizes.reduce((a, b) => a + b, 0)).toBe(rows);
    expect(result.labels.every((label) => label >= 0 && label < 4)).toBe(true);
  });

  it('is one Lloyd run on all rows from the best fit of the sample, never worse than its start', async () => {
    const matrix = buildFeatureMatrix(profile.columns, rows, {});
    const sample = subset(matrix, sampleIndices(matrix.rows, SELECTION_MAX_ROWS, settings.seed));
    const hooks = { tick: () => undefined, report: () => undefined, yieldSometimes: () => undefined };
    const best = await fitBest(tf, sample, 4, { ...settings, maxIter: 300, tol: 1e-4 }, hooks);
    const x = augmentedTensor(tf, matrix.data, matrix.rows, matrix.dims);
    const input = { tf, x, data: matrix.data, rows: matrix.rows, dims: matrix.dims, k: 4 };
    const expected = await lloyd(input, best.centroids, { maxIter: 300, tol: 1e-4 * meanVariance(matrix) });
    tf.dispose(x);
    expect(result.centroidsStandardized.flat()).toEqual(Array.from(expected.centroids));
    expect(result.inertia).toBe(expected.inertia);
    expect(result.iterations).toBe(expected.iterations);
    expect(Array.from(result.labels)).toEqual(Array.from(expected.labels));
    const start = assignExact(matrix.data, matrix.rows, matrix.dims, best.centroids, 4).inertia;
    expect(result.inertia).toBeLessThanOrEqual(start);
  });
});

describe("Lloyd's sums moved by the rows whose label changed", () => {
  it('equal a fresh pass within rounding, count exactly, and reset a cluster left empty', () => {
    const random = createRandom(21);
    const [rows, dims, k] = [3_000, 3, 4];
    // thirds: full mantissas, so that moving rows in and out rounds (the empty reset is then needed)
    const data = Float64Array.from({ length: rows * dims }, () => ((random() - 0.5) * 10) / 3);
    const input = { data, rows, dims, k };
    let labels = Int32Array.from({ length: rows }, () => Math.floor(random() * k));
    let step = sumByLabel(input, labels);
    for (let round = 0; round < 30; round++) {
      // a few rows move each round; in round 20 every row of cluster 3 leaves it
      const next = labels.map((label) => (random() < 0.02 ? Math.floor(random() * k) : label));
      if (round === 20) next.forEach((label, i) => label === 3 && (next[i] = 0));
      const moved = next.reduce((n, label, i) => n + (label === labels[i] ? 0 : 1), 0);
      step = updateSums(input, step, next);
      const fresh = sumByLabel(input, next);
      expect(step.changed).toBe(moved);
      expect(Array.from(step.counts)).toEqual(Array.from(fresh.counts));
      step.sums.forEach((sum, i) => expect(Math.abs(sum - (fresh.sums[i] as number))).toBeLessThan(1e-9));
      if (round === 20) expect(Array.from(step.sums.subarray(3 * dims, 4 * dims))).toEqual([0, 0, 0]);
      labels = next;
    }
  });
});
