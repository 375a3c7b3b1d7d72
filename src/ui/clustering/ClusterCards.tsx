import type { ClusteringReport } from '../../core/report.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { clusterColour } from './palette.ts';

type Profile = ClusteringReport['clusters'][number];

const SHOWN = 3;

/** One cluster: size and share, cohesion, the features it sits far from the mean on, its over-represented categories. */
function ClusterCard({ profile }: { readonly profile: Profile }) {
  const { t, language } = useTranslation();
  const n = (v: number | null, digits = 2): string => (v === null ? t('none') : formatNumber(language, v, digits));
  const cluster = profile.cluster ?? 0;
  return (
    <li className="cluster-card" data-testid="cluster-card">
      <h4>
        <span className="cluster-card__swatch" style={{ background: clusterColour(cluster) }} aria-hidden="true" />
        {t('clusterTitle', { n: cluster })}
      </h4>
      <p>
        {t('clusterCardSize', { size: n(profile.size, 0), share: `${n(100 * (profile.share ?? 0), 1)}%` })} ·{' '}
        {t('silhouette').toLowerCase()} {n(profile.silhouette, 3)}
      </p>
      <p className="cluster-card__label">{t('standsOutBy')}</p>
      <ul data-testid="cluster-distinctive">
        {profile.distinctive.slice(0, SHOWN).map((d) => (
          <li key={d.feature}>
            {/* The side as shown: a z that rounds to 0 is not "-0 σ below" */}
            {d.feature}: {Math.round(100 * (d.z ?? 0)) >= 0 ? '+' : ''}
            {n(d.z)} σ {Math.round(100 * (d.z ?? 0)) >= 0 ? t('aboveMean') : t('belowMean')}
          </li>
        ))}
      </ul>
      {profile.lift.length > 0 && (
        <>
          <p className="cluster-card__label">{t('overRepresented')}</p>
          <ul data-testid="cluster-lift">
            {profile.lift.slice(0, SHOWN).map((l) => (
              <li key={l.feature}>{t('liftItem', { level: l.feature, lift: n(l.lift) })}</li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

/** A card per cluster (what sets each apart), in cluster order with the scatter's colours. */
export function ClusterCards({ clustering }: { readonly clustering: ClusteringReport }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="cluster-cards-heading">
      <h3 id="cluster-cards-heading">{t('clusterCards')}</h3>
      <ul className="cluster-cards" data-testid="cluster-sizes">
        {clustering.clusters.map((profile) => (
          <ClusterCard key={profile.cluster} profile={profile} />
        ))}
      </ul>
    </section>
  );
}
