import type { FeatureMatrix } from './preprocess.ts';

/** What sets a cluster apart, in standardised units (the global mean is 0 after z-scoring). */
export interface ClusterProfile {
  readonly cluster: number;
  readonly size: number;
  readonly share: number;
  /** Mean silhouette of its sampled rows. */
  readonly silhouette: number;
  /** Features by |standardised difference from the overall mean|, largest first (top 5). */
  readonly distinctive: readonly { readonly feature: string; readonly z: number }[];
  /** One-hot levels over-represented in the cluster: share in cluster / share overall (top 5, lift > 1). */
  readonly lift: readonly { readonly feature: string; readonly lift: number }[];
}

const TOP = 5;

/** Cluster cards: size, silhouette, the features and categories that distinguish each cluster. O(n·d). */
export function describeClusters(
  m: FeatureMatrix,
  labels: Int32Array,
  centroids: readonly (readonly number[])[],
  sizes: readonly number[],
  silhouettes: readonly number[],
): ClusterProfile[] {
  const oneHot = m.names.map((name) => name.includes('='));
  const overall = m.names.map((_, j) => (oneHot[j] === true ? (m.means[j] as number) : NaN));
  const inCluster = centroids.map(() => new Float64Array(m.dims));
  for (let i = 0; i < m.rows; i++) {
    const row = inCluster[labels[i] as number];
    if (row === undefined) continue;
    for (let j = 0; j < m.dims; j++)
      if (oneHot[j] === true)
        row[j] =
          (row[j] as number) + (m.data[i * m.dims + j] as number) * (m.scales[j] as number) + (m.means[j] as number);
  }
  return centroids.map((centroid, c) => {
    const size = sizes[c] ?? 0;
    const distinctive = centroid
      .map((z, j) => ({ feature: m.names[j] ?? '', z }))
      .sort((a, b) => Math.abs(b.z) - Math.abs(a.z))
      .slice(0, TOP);
    const lift = m.names
      .map((feature, j) => ({
        feature,
        lift: oneHot[j] === true && size > 0 ? (inCluster[c]?.[j] ?? 0) / size / (overall[j] as number) : NaN,
      }))
      .filter((l) => Number.isFinite(l.lift) && l.lift > 1)
      .sort((a, b) => b.lift - a.lift)
      .slice(0, TOP);
    return {
      cluster: c,
      size,
      share: size / Math.max(1, m.rows),
      silhouette: silhouettes[c] ?? NaN,
      distinctive,
      lift,
    };
  });
}
