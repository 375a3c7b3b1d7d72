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

/** A partition of the sampled rows to score: each row's cluster (indexed like the data) and k. */
export interface Labelling {
  readonly labels: Int32Array;
  readonly k: number;
}

/* The sampled rows packed one after the other (row a of the result is row sample[a] of data). */
function packRows(data: Float64Array, dims: number, sample: Int32Array): Float64Array {
  const packed = new Float64Array(sample.length * dims);
  sample.forEach((row, a) => packed.set(data.subarray(row * dims, (row + 1) * dims), a * dims));
  return packed;
}

/* Euclidean distances from packed row a to every packed row b > a, into out[b]. */
function distancesFrom(packed: Float64Array, dims: number, a: number, out: Float64Array): void {
  const m = out.length;
  const base = a * dims;
  for (let b = a + 1; b < m; b++) {
    const other = b * dims;
    let d = 0;
    for (let j = 0; j < dims; j++) d += ((packed[base + j] as number) - (packed[other + j] as number)) ** 2;
    out[b] = Math.sqrt(d);
  }
}

/*
 * Adds distance(a, b) for every b > a to row a's sum for b's cluster and to row b's sum for a's
 * cluster (sums: m × k). Over all a, each row's sums take their terms in the order b = 0, 1, …:
 * the rows before it while they are the outer row, then the rows after it.
 */
function addPairs(distances: Float64Array, a: number, labels: Int32Array, k: number, sums: Float64Array): void {
  const m = labels.length;
  const own = labels[a] as number;
  const rowA = a * k;
  for (let b = a + 1; b < m; b++) {
    const d = distances[b] as number;
    const at = rowA + (labels[b] as number);
    const back = b * k + own;
    sums[at] = (sums[at] as number) + d;
    sums[back] = (sums[back] as number) + d;
  }
}

/* Mean silhouette, overall and per cluster, from each sampled row's summed distances by cluster. */
function silhouetteOf(labels: Int32Array, k: number, sums: Float64Array): Silhouette {
  const m = labels.length;
  const sizes = new Float64Array(k);
  for (const c of labels) sizes[c] = (sizes[c] as number) + 1;
  const perSum = new Float64Array(k);
  let total = 0;
  for (let a = 0; a < m; a++) {
    const own = labels[a] as number;
    const ownSize = sizes[own] as number;
    let s = 0;
    if (ownSize > 1) {
      const inside = (sums[a * k + own] as number) / (ownSize - 1);
      let nearest = Infinity;
      for (let c = 0; c < k; c++)
        if (c !== own && (sizes[c] as number) > 0)
          nearest = Math.min(nearest, (sums[a * k + c] as number) / (sizes[c] as number));
      s = Number.isFinite(nearest) ? (nearest - inside) / Math.max(inside, nearest) : 0;
    }
    perSum[own] = (perSum[own] as number) + s;
    total += s;
  }
  const perCluster = Array.from(sizes, (size, c) => (size > 0 ? (perSum[c] as number) / size : NaN));
  return { mean: k < 2 || m === 0 ? NaN : total / m, perCluster };
}

/**
 * Silhouette of the rows in `sample` (indices into data and each labelling's labels) under several
 * labellings at once, each computed against the other sampled rows as sklearn's
 * silhouette_score(X[sample], labels[sample]): s = (b − a) / max(a, b), 0 for a point alone in its
 * cluster. Each distance is computed once, for both rows and every labelling. O(s²·(d + L)).
 */
export function silhouettes(
  data: Float64Array,
  dims: number,
  sample: Int32Array,
  labellings: readonly Labelling[],
): Silhouette[] {
  const m = sample.length;
  const packed = packRows(data, dims, sample);
  const sampled = labellings.map(({ labels, k }) => ({
    labels: Int32Array.from(sample, (i) => labels[i] as number),
    k,
  }));
  const sums = sampled.map(({ k }) => new Float64Array(m * k));
  const distances = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    distancesFrom(packed, dims, a, distances);
    sampled.forEach(({ labels, k }, l) => addPairs(distances, a, labels, k, sums[l] as Float64Array));
  }
  return sampled.map(({ labels, k }, l) => silhouetteOf(labels, k, sums[l] as Float64Array));
}

/** {@link silhouettes} of one labelling. */
export function silhouette(
  data: Float64Array,
  dims: number,
  labels: Int32Array,
  k: number,
  sample: Int32Array,
): Silhouette {
  return silhouettes(data, dims, sample, [{ labels, k }])[0] as Silhouette;
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
