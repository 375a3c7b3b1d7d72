import type { ClusteringReport } from '../../core/report.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';

/** Every k tried with its silhouette, inertia, Calinski–Harabasz and Davies–Bouldin; the chosen k is marked. */
export function CandidatesTable({ clustering }: { readonly clustering: ClusteringReport }) {
  const { t, language } = useTranslation();
  const n = (v: number | null, digits = 3): string => (v === null ? t('none') : formatNumber(language, v, digits));
  return (
    <table className="columns" data-testid="cluster-candidates">
      <caption>{t('candidatesCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">k</th>
          <th scope="col">{t('silhouette')}</th>
          <th scope="col">{t('inertia')}</th>
          <th scope="col">Calinski–Harabasz</th>
          <th scope="col">Davies–Bouldin</th>
        </tr>
      </thead>
      <tbody>
        {clustering.candidates.map((c) => (
          <tr key={c.k} aria-current={c.k === clustering.k ? 'true' : undefined}>
            <th scope="row">{c.k}</th>
            <td>{n(c.silhouette)}</td>
            <td>{n(c.inertia, 2)}</td>
            <td>{n(c.calinskiHarabasz, 1)}</td>
            <td>{n(c.daviesBouldin)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
