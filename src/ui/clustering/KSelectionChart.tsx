import { useRef } from 'react';
import type { ClusteringReport } from '../../core/report.ts';
import { PngButton } from '../export/PngButton.tsx';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';

const WIDTH = 360;
const HEIGHT = 180;
const PAD = 28;

/** Screen coordinates of the chart: x by k, and a polyline of any series scaled to its own range. */
function chartScales(ks: readonly number[]) {
  const [lowK, highK] = [Math.min(...ks), Math.max(...ks)];
  const x = (k: number): number => PAD + ((k - lowK) / Math.max(1, highK - lowK)) * (WIDTH - 2 * PAD);
  const line = (values: readonly number[]): string => {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    return values
      .map((v, i) => `${x(ks[i] ?? 0)},${HEIGHT - PAD - ((v - lo) / Math.max(hi - lo, 1e-12)) * (HEIGHT - 2 * PAD)}`)
      .join(' ');
  };
  return { x, line };
}

/** Silhouette (solid) and inertia (dashed, own scale) by k, the chosen k marked; the table below has the numbers. */
export function KSelectionChart({ clustering }: { readonly clustering: ClusteringReport }) {
  const { t, language } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  const candidates = clustering.candidates;
  if (candidates.length < 2) return null;
  const ks = candidates.map((c) => c.k ?? 0);
  const { x, line } = chartScales(ks);
  const silhouettes = candidates.map((c) => c.silhouette ?? 0);
  const inertias = candidates.map((c) => c.inertia ?? 0);
  const label = t('kChartLabel', {
    k: clustering.k ?? 0,
    silhouette: formatNumber(language, clustering.silhouette ?? 0, 3),
  });
  return (
    <figure data-testid="k-chart" ref={ref}>
      <svg width={WIDTH} height={HEIGHT} role="img" aria-label={label} className="k-chart" data-chart="k-selection">
        <polyline points={line(silhouettes)} fill="none" stroke="var(--sev-info)" strokeWidth={2} />
        <polyline
          points={line(inertias)}
          fill="none"
          stroke="var(--sev-warning)"
          strokeWidth={2}
          strokeDasharray="5 4"
        />
        <line
          x1={x(clustering.k ?? 0)}
          x2={x(clustering.k ?? 0)}
          y1={PAD / 2}
          y2={HEIGHT - PAD}
          stroke="var(--fg)"
          strokeDasharray="2 3"
        />
        {ks.map((k) => (
          <text key={k} x={x(k)} y={HEIGHT - 8} textAnchor="middle" fontSize={11} fill="currentColor">
            {k}
          </text>
        ))}
      </svg>
      <figcaption className="hint">{label}</figcaption>
      <PngButton target={ref} name="k-selection" label={t('pngOfKSelection')} />
    </figure>
  );
}
