import { useEffect, useRef } from 'react';
import type { ClusteringReport } from '../../core/report.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { PngButton } from '../export/PngButton.tsx';
import { clusterColour } from './palette.ts';

const SIZE = 360;
const PAD = 12;

/* Draws the sampled points on a canvas: one path per cluster, no DOM node per point. */
function draw(canvas: HTMLCanvasElement, points: ClusteringReport['pca']['points']): void {
  const context = canvas.getContext('2d');
  if (context === null) return;
  const xs = points.map((p) => p[0] ?? 0);
  const ys = points.map((p) => p[1] ?? 0);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = (SIZE - 2 * PAD) / Math.max(maxX - minX, maxY - minY, 1e-12);
  context.clearRect(0, 0, SIZE, SIZE);
  for (const [x, y, cluster] of points) {
    context.fillStyle = clusterColour(cluster ?? 0);
    context.fillRect(PAD + ((x ?? 0) - minX) * scale - 1.5, SIZE - PAD - ((y ?? 0) - minY) * scale - 1.5, 3, 3);
  }
}

/** The 2-D PCA projection coloured by cluster, with its sample and explained variance stated. */
export function PcaScatter({ clustering }: { readonly clustering: ClusteringReport }) {
  const { t, language } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  const figure = useRef<HTMLElement>(null);
  const { pca } = clustering;
  useEffect(() => {
    if (ref.current !== null) draw(ref.current, pca.points);
  }, [pca.points]);
  const explained = pca.explainedVarianceRatio.map((r) => `${formatNumber(language, 100 * (r ?? 0), 1)}%`).join(' + ');
  const caption = t('pcaCaption', { points: pca.sampleRows ?? 0, seed: pca.seed ?? 0, explained });
  return (
    <figure className="pca" data-testid="pca-scatter" ref={figure}>
      <canvas ref={ref} width={SIZE} height={SIZE} role="img" aria-label={caption} />
      <figcaption className="hint">{caption}</figcaption>
      <PngButton target={figure} name="pca-clusters" label={t('pngOfPca')} />
      <ul className="legend">
        {clustering.sizes.map((size, cluster) => (
          <li key={cluster}>
            <span className="swatch" style={{ background: clusterColour(cluster) }} aria-hidden="true" />
            {t('clusterSize', { n: cluster, size: formatNumber(language, size ?? 0, 0), share: '' }).replace(
              /\s*\(\)$/,
              '',
            )}
          </li>
        ))}
      </ul>
    </figure>
  );
}
