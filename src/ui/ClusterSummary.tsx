import type { ClusteringReport } from '../core/report.ts';
import { useState } from 'react';
import { KSelectionChart } from './clustering/KSelectionChart.tsx';
import { PcaScatter } from './clustering/PcaScatter.tsx';
import { formatNumber } from './i18n.ts';
import { useTranslation } from './language-context.tsx';

/** k, how it was chosen, quality, cluster sizes and the score of every k tried. */
export function ClusterSummary({
  clustering,
  isBusy = false,
  onRecluster,
}: {
  readonly clustering: ClusteringReport;
  readonly isBusy?: boolean;
  readonly onRecluster?: (k: number | 'auto') => void;
}) {
  const { t, language } = useTranslation();
  const n = (v: number | null, digits = 3): string => (v === null ? t('none') : formatNumber(language, v, digits));
  const total = clustering.rowsUsed ?? 0;
  const sample = { rows: clustering.silhouetteSample.rows ?? 0, seed: clustering.silhouetteSample.seed ?? 0 };
  const dropped = clustering.rowsDropped ?? 0;
  return (
    <section aria-labelledby="clustering-heading" data-testid="clustering">
      <h2 id="clustering-heading">{t('clustering')}</h2>
      <dl className="stats">
        <div>
          <dt>{t('clusterK')}</dt>
          <dd data-testid="cluster-k">{clustering.k}</dd>
        </div>
        <div>
          <dt>{t('silhouette')}</dt>
          <dd data-testid="cluster-silhouette">{n(clustering.silhouette)}</dd>
        </div>
        <div>
          <dt>{t('rowsClustered')}</dt>
          <dd>{n(total, 0)}</dd>
        </div>
      </dl>
      <p className="hint">
        <span title={clustering.reason}>
          {clustering.kChosenBy === 'silhouette' ? t('chosenBySilhouette') : t('chosenByUser')}
        </span>
        ; {t('silhouette').toLowerCase()} {t('silhouetteSample', sample)}.{' '}
        {dropped > 0 && t('rowsDropped', { count: dropped })}
      </p>
      <p>
        {t('features')}: {clustering.features.join(', ')}
      </p>
      <ul data-testid="cluster-sizes">
        {clustering.sizes.map((size, i) => (
          <li key={i}>
            {t('clusterSize', { n: i, size: n(size, 0), share: `${n((100 * (size ?? 0)) / Math.max(1, total), 1)}%` })}
            {' — '}
            {t('standsOutBy')}{' '}
            {(clustering.clusters[i]?.distinctive ?? [])
              .slice(0, 3)
              .map((d) => `${d.feature} ${(d.z ?? 0) >= 0 ? '+' : ''}${n(d.z, 2)} σ`)
              .join(', ')}
          </li>
        ))}
      </ul>
      {onRecluster !== undefined && <ReclusterForm current={clustering} isBusy={isBusy} onRecluster={onRecluster} />}
      <div className="cluster-figures">
        <KSelectionChart clustering={clustering} />
        <PcaScatter clustering={clustering} />
      </div>
      <table className="columns">
        <caption>{t('candidatesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">k</th>
            <th scope="col">{t('silhouette')}</th>
            <th scope="col">{t('inertia')}</th>
          </tr>
        </thead>
        <tbody>
          {clustering.candidates.map((c) => (
            <tr key={c.k} aria-current={c.k === clustering.k ? 'true' : undefined}>
              <th scope="row">{c.k}</th>
              <td>{n(c.silhouette)}</td>
              <td>{n(c.inertia, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Choose k (or automatic) and cluster the same table again. */
function ReclusterForm({
  current,
  isBusy,
  onRecluster,
}: {
  readonly current: ClusteringReport;
  readonly isBusy: boolean;
  readonly onRecluster: (k: number | 'auto') => void;
}) {
  const { t } = useTranslation();
  const [k, setK] = useState<string>(current.kChosenBy === 'user' ? String(current.k ?? 'auto') : 'auto');
  const choices = ['auto', ...Array.from({ length: 9 }, (_, i) => String(i + 2))];
  return (
    <form
      className="file-facts"
      onSubmit={(event) => {
        event.preventDefault();
        onRecluster(k === 'auto' ? 'auto' : Number(k));
      }}
    >
      <label>
        {t('clusterK')}{' '}
        <select value={k} onChange={(event) => setK(event.target.value)} data-testid="recluster-k">
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice === 'auto' ? t('kAuto') : choice}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={isBusy} data-testid="recluster-apply">
        {t('clusterAgain')}
      </button>
    </form>
  );
}
