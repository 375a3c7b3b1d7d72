/** Okabe–Ito: eight colours told apart with the common colour-vision deficiencies (cluster 0 → first). */
export const CLUSTER_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

export function clusterColour(cluster: number): string {
  return CLUSTER_COLOURS[cluster % CLUSTER_COLOURS.length] ?? '#000000';
}
