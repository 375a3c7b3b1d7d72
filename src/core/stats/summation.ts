/**
 * Neumaier's compensated sum of the finite values of `values[from..to)`: error independent of n,
 * so 1e9 plus tiny noise sums without losing the noise. O(n), no allocation.
 */
export function compensatedSum(values: Float64Array, from = 0, to = values.length): number {
  let sum = 0;
  let compensation = 0;
  for (let i = from; i < to; i++) {
    const v = values[i] as number;
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + compensation;
}
