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

/* Marks k distinct indices of [0, n) in the bitset `chosen` (Floyd's algorithm). */
function chooseFloyd(n: number, k: number, random: () => number, chosen: Int32Array): void {
  for (let j = n - k; j < n; j++) {
    const t = Math.floor(random() * (j + 1));
    const pick = ((chosen[t >>> 5] as number) >>> (t & 31)) & 1 ? j : t;
    chosen[pick >>> 5] = (chosen[pick >>> 5] as number) | (1 << (pick & 31));
  }
}

/* The set bits' indices, ascending, into `out`. */
function setBits(chosen: Int32Array, out: Int32Array): void {
  let m = 0;
  for (let w = 0; w < chosen.length; w++) {
    let word = chosen[w] as number;
    while (word !== 0) {
      const low = word & -word;
      out[m++] = w * 32 + 31 - Math.clz32(low);
      word ^= low;
    }
  }
}

/**
 * `k` distinct indices from [0, n), ascending, chosen uniformly with the given seed (Floyd's
 * algorithm, membership kept in a bit per index: n/8 bytes, which stay in cache). Returns all
 * indices when k ≥ n. O(n/32 + k) time.
 */
export function sampleIndices(n: number, k: number, seed: number): Int32Array {
  if (k >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const chosen = new Int32Array(Math.ceil(n / 32));
  chooseFloyd(n, k, createRandom(seed), chosen);
  const out = new Int32Array(k);
  setBits(chosen, out);
  return out;
}
