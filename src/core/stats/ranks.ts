/**
 * Ranks 1..n of `values` with ties given their average rank (as pandas/scipy 'average').
 * O(n log n); returns a new array aligned with the input.
 */
export function averageRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (values[a] as number) - (values[b] as number),
  );
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    const v = values[order[i] as number] as number;
    while (j < n && values[order[j] as number] === v) j++;
    const rank = (i + j + 1) / 2; // mean of ranks i+1 .. j
    for (let k = i; k < j; k++) ranks[order[k] as number] = rank;
    i = j;
  }
  return ranks;
}
