/*
 * The plain typed-array Lloyd step used as the k-means baseline, on one thread or split by rows
 * across worker threads (two-cores.bench.ts): the same code either way, so only the split differs.
 */

/** k-means sizes shared by the k-means groups: 200,000 × 8 blobs and k = 8 at the default size. */
export const DIMS = 8;
export const K = 8;
export const ITERATIONS = 10;

/**
 * Assigns rows [from, to) of `data` (row-major, `dims` wide) to their nearest centroid and adds
 * each row to its centroid's `sums` (k × dims) and `counts` (k), which the caller zeroes.
 */
export function assignAndSum(
  data: Float64Array,
  dims: number,
  centroids: Float64Array,
  k: number,
  range: { readonly from: number; readonly to: number },
  sums: Float64Array,
  counts: Float64Array,
): void {
  for (let i = range.from; i < range.to; i++) {
    const row = i * dims;
    let best = Infinity;
    let bestC = 0;
    for (let c = 0; c < k; c++) {
      let d = 0;
      for (let j = 0; j < dims; j++) {
        const v = (data[row + j] as number) - (centroids[c * dims + j] as number);
        d += v * v;
      }
      if (d < best) {
        best = d;
        bestC = c;
      }
    }
    counts[bestC] = (counts[bestC] as number) + 1;
    for (let j = 0; j < dims; j++)
      sums[bestC * dims + j] = (sums[bestC * dims + j] as number) + (data[row + j] as number);
  }
}

/** New centroids from summed partials (an empty cluster keeps its old centroid). */
export function centroidsFrom(
  parts: readonly { sums: Float64Array; counts: Float64Array }[],
  previous: Float64Array,
  k: number,
  dims: number,
): Float64Array {
  const next = new Float64Array(k * dims);
  for (let c = 0; c < k; c++) {
    let count = 0;
    for (const part of parts) count += part.counts[c] as number;
    for (let j = 0; j < dims; j++) {
      let sum = 0;
      for (const part of parts) sum += part.sums[c * dims + j] as number;
      next[c * dims + j] = count > 0 ? sum / count : (previous[c * dims + j] as number);
    }
  }
  return next;
}

/** One whole Lloyd iteration on this thread. */
export function plainIteration(data: Float64Array, rows: number, centroids: Float64Array): Float64Array {
  const sums = new Float64Array(K * DIMS);
  const counts = new Float64Array(K);
  assignAndSum(data, DIMS, centroids, K, { from: 0, to: rows }, sums, counts);
  return centroidsFrom([{ sums, counts }], centroids, K, DIMS);
}
