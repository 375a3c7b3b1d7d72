/*
 * Cluster-quality scores with scikit-learn's definitions (Euclidean distances on the standardised
 * data): silhouette (a sample of rows, stated), Calinski–Harabasz and Davies–Bouldin (all rows).
 */
import { distanceTo } from './lloyd.ts';

export interface Silhouette {
  /** Mean silhouette over the sampled rows; NaN when k < 2. */
  readonly mean: number;
  /** Mean silhouette of the sampled rows of each cluster (NaN for clusters without sampled rows). */
  readonly perCluster: readonly number[];
}

function euclidean(data: Float64Array, dims: number, a: number, b: number): number {
  let d = 0;
  for (let j = 0; j < dims; j++) d += ((data[a * dims + j] as number) - (data[b * dims + j] as number)) ** 2;
  return Math.sqrt(d);
}

/**
 * Silhouette of the rows in `sample` (indices into data/labels), computed against the other sampled
 * rows, as sklearn's silhouette_score(X[sample], labels[sample]): s = (b − a) / max(a, b), 0 for a
 * point alone in its cluster. O(s²·d).
 */
export function silhouette(
  data: Float64Array,
  dims: number,
  labels: Int32Array,
  k: number,
  sample: Int32Array,
): Silhouette {
  const m = sample.length;
  const sizes = new Float64Array(k);
  for (const i of sample) sizes[labels[i] as number] = (sizes[labels[i] as number] as number) + 1;
  const sums = new Float64Array(k);
  const perSum = new Float64Array(k);
  let total = 0;
  for (let a = 0; a < m; a++) {
    sums.fill(0);
    const i = sample[a] as number;
    for (let b = 0; b < m; b++) {
      if (a === b) continue;
      const j = sample[b] as number;
      sums[labels[j] as number] = (sums[labels[j] as number] as number) + euclidean(data, dims, i, j);
    }
    const own = labels[i] as number;
    const ownSize = sizes[own] as number;
    let s = 0;
    if (ownSize > 1) {
      const inside = (sums[own] as number) / (ownSize - 1);
      let nearest = Infinity;
      for (let c = 0; c < k; c++)
        if (c !== own && (sizes[c] as number) > 0)
          nearest = Math.min(nearest, (sums[c] as number) / (sizes[c] as number));
      s = Number.isFinite(nearest) ? (nearest - inside) / Math.max(inside, nearest) : 0;
    }
    perSum[own] = (perSum[own] as number) + s;
    total += s;
  }
  const perCluster = Array.from(sizes, (size, c) => (size > 0 ? (perSum[c] as number) / size : NaN));
  return { mean: k < 2 || m === 0 ? NaN : total / m, perCluster };
}

/** A fitted partition: row-major data, each row's cluster, and the k centres. */
export interface Partition {
  readonly data: Float64Array;
  readonly rows: number;
  readonly dims: number;
  readonly labels: Int32Array;
  readonly centroids: Float64Array;
  readonly k: number;
}

/** Calinski–Harabasz: (between-cluster dispersion / (k − 1)) / (within / (n − k)). O(n·d). */
export function calinskiHarabasz({ data, rows, dims, labels, centroids, k }: Partition): number {
  const mean = new Float64Array(dims);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < dims; j++) mean[j] = (mean[j] as number) + (data[i * dims + j] as number) / rows;
  const sizes = new Float64Array(k);
  let within = 0;
  for (let i = 0; i < rows; i++) {
    const c = labels[i] as number;
    sizes[c] = (sizes[c] as number) + 1;
    within += distanceTo(data, dims, i, centroids, c);
  }
  let between = 0;
  for (let c = 0; c < k; c++) {
    let d = 0;
    for (let j = 0; j < dims; j++) d += ((centroids[c * dims + j] as number) - (mean[j] as number)) ** 2;
    between += (sizes[c] as number) * d;
  }
  return within === 0 ? 1 : (between * (rows - k)) / (within * (k - 1));
}

/** Davies–Bouldin: mean over clusters of max (sᵢ + sⱼ) / ‖cᵢ − cⱼ‖, s = mean distance to the centre. O(n·d + k²·d). */
export function daviesBouldin({ data, rows, dims, labels, centroids, k }: Partition): number {
  const spread = new Float64Array(k);
  const sizes = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    const c = labels[i] as number;
    spread[c] = (spread[c] as number) + Math.sqrt(distanceTo(data, dims, i, centroids, c));
    sizes[c] = (sizes[c] as number) + 1;
  }
  for (let c = 0; c < k; c++) spread[c] = (sizes[c] as number) > 0 ? (spread[c] as number) / (sizes[c] as number) : 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      if (a === b) continue;
      let d = 0;
      for (let j = 0; j < dims; j++)
        d += ((centroids[a * dims + j] as number) - (centroids[b * dims + j] as number)) ** 2;
      const ratio = d === 0 ? 0 : ((spread[a] as number) + (spread[b] as number)) / Math.sqrt(d);
      worst = Math.max(worst, ratio);
    }
    total += worst;
  }
  return total / k;
}
