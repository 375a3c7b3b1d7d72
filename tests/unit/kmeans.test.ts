/*
 * k-means against scikit-learn 1.2.1 (tests/reference: KMeans(n_init=10, k-means++, lloyd) on
 * z-scored iris and blobs) and against a naive reference Lloyd loop written here.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTable } from '../../src/core/analyze.ts';
import { clusterTable, type ClusteringResult } from '../../src/core/cluster/cluster.ts';
import { augmentedTensor, lloyd } from '../../src/core/cluster/lloyd.ts';
import { buildFeatureMatrix } from '../../src/core/cluster/preprocess.ts';
import { profileTable } from '../../src/core/profile/profile.ts';
import { startTf } from '../../workers/tf-init.ts';
import { ingestText } from './helpers.ts';
import { ingestReferenceCsv, loadReference, relativeError, type Json } from './reference.ts';

beforeAll(async () => {
  const backend = await startTf();
  expect(backend.backend).toBe('wasm');
});

async function profilesOf(dataset: string) {
  const ingested = await ingestReferenceCsv(dataset);
  const profile = await profileTable(ingested.table, { format: { decimal: '.', thousands: '' } });
  return { profile, rows: ingested.table.rowCount };
}

/** Adjusted Rand index of two labelings (Hubert & Arabie), for comparing partitions. */
function adjustedRand(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const table = new Map<string, number>();
  const rowSums = new Map<number, number>();
  const colSums = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    table.set(`${x},${y}`, (table.get(`${x},${y}`) ?? 0) + 1);
    rowSums.set(x, (rowSums.get(x) ?? 0) + 1);
    colSums.set(y, (colSums.get(y) ?? 0) + 1);
  }
  const c2 = (m: number): number => (m * (m - 1)) / 2;
  const sum = (it: Iterable<number>): number => [...it].reduce((s, m) => s + c2(m), 0);
  const index = sum(table.values());
  const expected = (sum(rowSums.values()) * sum(colSums.values())) / c2(n);
  const max = (sum(rowSums.values()) + sum(colSums.values())) / 2;
  return (index - expected) / (max - expected);
}

describe.each(['iris', 'blobs'])('k-means against scikit-learn on %s', (dataset) => {
  const reference = loadReference(dataset);
  const features = reference.features as string[];
  let result: ClusteringResult;

  beforeAll(async () => {
    const { profile, rows } = await profilesOf(dataset);
    result = await clusterTable(tf, profile.columns, rows, { features, k: 'auto' });
  });

  it('standardises like StandardScaler', () => {
    (reference.means as number[]).forEach((m, j) =>
      expect(relativeError(result.means[j] ?? NaN, m)).toBeLessThan(1e-12),
    );
    (reference.scales as number[]).forEach((s, j) =>
      expect(relativeError(result.scales[j] ?? NaN, s)).toBeLessThan(1e-12),
    );
  });

  it('lands within scikit-learn own spread for every k, and within 1% of its best for the chosen k', () => {
    for (const ref of reference.kmeans as Json[]) {
      const mine = result.candidates.find((c) => c.k === ref.k);
      expect(mine, `k=${String(ref.k)}`).toBeDefined();
      // worstInertia: the worst of sklearn's own n_init=10 fits over 20 random states.
      expect(mine?.inertia ?? Infinity, `k=${String(ref.k)}`).toBeLessThanOrEqual(
        (ref.worstInertia as number) * (1 + 1e-9),
      );
      if (ref.k === result.k) expect((mine?.inertia ?? Infinity) / (ref.bestInertia as number)).toBeLessThan(1.01);
      if (relativeError(mine?.inertia ?? NaN, ref.inertia as number) < 1e-6) {
        // Same optimum as sklearn's random_state=0 fit: the scores must agree too.
        expect(relativeError(mine?.silhouette ?? NaN, ref.silhouette as number)).toBeLessThan(1e-6);
        expect(relativeError(mine?.calinskiHarabasz ?? NaN, ref.calinskiHarabasz as number)).toBeLessThan(1e-6);
        expect(relativeError(mine?.daviesBouldin ?? NaN, ref.daviesBouldin as number)).toBeLessThan(1e-6);
      }
    }
  });

  it('chooses k by silhouette, as the reference scores say', () => {
    const best = (reference.kmeans as Json[]).reduce((a, b) =>
      (b.silhouette as number) > (a.silhouette as number) ? b : a,
    );
    expect(result.k).toBe(best.k);
    expect(result.kChosenBy).toBe('silhouette');
  });

  it('gives the reference partition for the reference k', async () => {
    const labelsRef = reference.labels as Json;
    const { profile, rows } = await profilesOf(dataset);
    const fixed = await clusterTable(tf, profile.columns, rows, { features, k: labelsRef.k as number });
    expect(adjustedRand(fixed.labels, labelsRef.labels as number[])).toBeGreaterThanOrEqual(0.95);
    expect(relativeError(fixed.inertia, labelsRef.inertia as number)).toBeLessThan(0.01);
  });

  it('projects with PCA explaining the same variance as sklearn', () => {
    const ref = (reference.pca as Json).explainedVarianceRatio as number[];
    ref.forEach((r, i) => expect(Math.abs((result.pca.explainedVarianceRatio[i] ?? NaN) - r)).toBeLessThan(1e-9));
  });
});

describe('k-means behaviour', () => {
  it('is deterministic for a seed', async () => {
    const { profile, rows } = await profilesOf('blobs');
    const options = { features: ['x1', 'x2', 'x3'], k: 4, seed: 3 } as const;
    const a = await clusterTable(tf, profile.columns, rows, options);
    const b = await clusterTable(tf, profile.columns, rows, options);
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.inertia).toBe(b.inertia);
  });

  it('never increases inertia across Lloyd iterations', async () => {
    const { profile, rows } = await profilesOf('blobs');
    const m = buildFeatureMatrix(profile.columns, rows, { features: ['x1', 'x2', 'x3'] });
    const x = augmentedTensor(tf, m.data, m.rows, m.dims);
    let previous = Infinity;
    for (let iterations = 1; iterations <= 6; iterations++) {
      const init = m.data.slice(0, 4 * m.dims); // the first four rows, deliberately poor
      const r = await lloyd({ tf, x, data: m.data, rows: m.rows, dims: m.dims, k: 4 }, init, {
        maxIter: iterations,
        tol: 0,
      });
      expect(r.inertia).toBeLessThanOrEqual(previous + 1e-9);
      previous = r.inertia;
    }
    tf.dispose(x);
  });

  it('says clearly when k exceeds the distinct points, and marks dropped rows unlabelled', async () => {
    const ingested = await ingestText('a,b\n1,1\n1,1\n2,2\n,3\n2,2\n');
    const { columns } = await profileTable(ingested.table, { format: { decimal: '.', thousands: '' } });
    await expect(clusterTable(tf, columns, 5, { k: 3, features: ['a', 'b'] })).rejects.toMatchObject({
      code: 'K_OUT_OF_RANGE',
      message: expect.stringContaining('only 2 distinct') as string,
    });
    const ok = await clusterTable(tf, columns, 5, { k: 2, features: ['a', 'b'] });
    expect(ok.labels[3]).toBe(-1);
    expect(ok.rowsDropped).toBe(1);
  });

  it('fits a k above 10 when the data has the distinct points for it', async () => {
    const text = ['x,y', ...Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 13}`)].join('\n');
    const ingested = await ingestText(text);
    const { columns } = await profileTable(ingested.table, { format: { decimal: '.', thousands: '' } });
    const result = await clusterTable(tf, columns, 40, { k: 12 });
    expect(result.k).toBe(12);
    expect(new Set(result.labels).size).toBe(12);
  });

  it('refuses to cluster without numeric features', async () => {
    const ingested = await ingestText('name\nx\ny\n');
    const report = await analyzeTable(ingested, {}, { version: 't', timings: {} });
    expect(report.columns[0]?.type).toBe('categorical');
    const { columns } = await profileTable(ingested.table, { format: { decimal: '.', thousands: '' } });
    await expect(clusterTable(tf, columns, 2, {})).rejects.toMatchObject({ code: 'NO_NUMERIC_COLUMNS' });
    // Numeric columns left out by default are named, with why.
    const one = await ingestText('a,b\n1,2\n');
    const profiled = await profileTable(one.table, { format: { decimal: '.', thousands: '' } });
    await expect(clusterTable(tf, profiled.columns, 1, {})).rejects.toMatchObject({
      code: 'NO_NUMERIC_COLUMNS',
      message: expect.stringContaining('a (constant), b (constant)') as string,
    });
  });

  it('leaves no tensors behind', async () => {
    const { profile, rows } = await profilesOf('iris');
    const before = tf.memory();
    for (let i = 0; i < 3; i++) await clusterTable(tf, profile.columns, rows, { k: 3, nInit: 2 });
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
  });
});
