/**
 * A small seeded PRNG (mulberry32): the same seed gives the same sequence on every engine, so every
 * sampled statistic is reproducible. Not for cryptography.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `k` distinct indices from [0, n), ascending, chosen uniformly with the given seed (Floyd's
 * algorithm, membership kept in a byte per index). Returns all indices when k ≥ n. O(n) time and
 * memory (n bytes).
 */
export function sampleIndices(n: number, k: number, seed: number): Int32Array {
  if (k >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const random = createRandom(seed);
  const chosen = new Uint8Array(n);
  for (let j = n - k; j < n; j++) {
    const t = Math.floor(random() * (j + 1));
    chosen[chosen[t] === 1 ? j : t] = 1;
  }
  const out = new Int32Array(k);
  let m = 0;
  for (let i = 0; i < n; i++) if (chosen[i] === 1) out[m++] = i;
  return out;
}
