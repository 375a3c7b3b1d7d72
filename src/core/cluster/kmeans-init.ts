import { lowerBound } from '../stats/ranks.ts';

/**
 * Greedy k-means++ seeding exactly as scikit-learn's `_kmeans_plusplus`: the first centre uniformly
 * at random, then for each next centre 2 + ⌊ln k⌋ candidates drawn with probability ∝ squared
 * distance to the nearest chosen centre, keeping the candidate that lowers the potential most.
 * Returns k row indices. O(n·k·trials·d).
 */
export function kMeansPlusPlus(
  data: Float64Array,
  rows: number,
  dims: number,
  k: number,
  random: () => number,
): Int32Array {
  const trials = 2 + Math.floor(Math.log(k));
  const centers = new Int32Array(k);
  centers[0] = Math.min(rows - 1, Math.floor(random() * rows));
  const closest = new Float64Array(rows);
  for (let i = 0; i < rows; i++) closest[i] = squaredDistance(data, dims, i, centers[0]);
  let potential = sum(closest);
  const cumulative = new Float64Array(rows);
  const candidateDist = new Float64Array(rows);
  const bestDist = new Float64Array(rows);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < rows; i++) cumulative[i] = acc += closest[i] as number;
    let bestPotential = Infinity;
    let bestId = 0;
    for (let t = 0; t < trials; t++) {
      const id = Math.min(rows - 1, lowerBound(cumulative, random() * potential));
      let pot = 0;
      for (let i = 0; i < rows; i++) {
        const d = Math.min(closest[i] as number, squaredDistance(data, dims, i, id));
        candidateDist[i] = d;
        pot += d;
      }
      if (pot < bestPotential) {
        bestPotential = pot;
        bestId = id;
        bestDist.set(candidateDist);
      }
    }
    centers[c] = bestId;
    closest.set(bestDist);
    potential = bestPotential;
  }
  return centers;
}

/** Squared Euclidean distance between rows a and b of a row-major matrix. */
export function squaredDistance(data: Float64Array, dims: number, a: number, b: number): number {
  let d = 0;
  for (let j = 0; j < dims; j++) {
    const diff = (data[a * dims + j] as number) - (data[b * dims + j] as number);
    d += diff * diff;
  }
  return d;
}

function sum(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
