/*
 * Central moments about the exact mean from power sums about an approximate one. The mean of a
 * column is a double: for 1e16 + 9.6 it is 1e16 + 10, and for eleven copies of 237.96463 it is
 * one ulp below the value. Sums of d = x − m about such an m are biased (a constant column got a
 * skewness of 1.17); with δ = Σd / n the sums about m + δ follow exactly from the binomial expansion,
 * although m + δ itself is not a double.
 */

/** Σ(d − δ)² for δ = s1 / n, from s1 = Σd and s2 = Σd² over n values: s2 − s1² / n, never below 0. */
export function squaresAboutExactMean(s1: number, s2: number, n: number): number {
  return n === 0 ? s2 : Math.max(0, s2 - (s1 * s1) / n);
}

/** Σ(d − δ)², Σ(d − δ)³, Σ(d − δ)⁴ for δ = s1 / n, from sk = Σd^k over n values. */
export function centredSums(
  n: number,
  s1: number,
  s2: number,
  s3: number,
  s4: number,
): { readonly m2: number; readonly m3: number; readonly m4: number } {
  if (n === 0 || s1 === 0) return { m2: s2, m3: s3, m4: s4 };
  const delta = s1 / n;
  const delta2 = delta * delta;
  // Σd = nδ: m3 = s3 − 3δ·s2 + 3δ²·s1 − nδ³ = s3 − 3δ·s2 + 2nδ³; m4 likewise.
  const m2 = squaresAboutExactMean(s1, s2, n);
  const m3 = s3 - 3 * delta * s2 + 2 * n * delta2 * delta;
  const m4 = Math.max(0, s4 - 4 * delta * s3 + 6 * delta2 * s2 - 3 * n * delta2 * delta2);
  return { m2, m3, m4 };
}
