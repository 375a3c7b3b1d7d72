import type { ClusterOptions } from '../../core/cluster/cluster.ts';
import type { ClusteringReport, Report } from '../../core/report.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { CandidatesTable } from './CandidatesTable.tsx';
import { ClusterCards } from './ClusterCards.tsx';
import { ClusterOptionsForm } from './ClusterOptionsForm.tsx';
import { eligibleColumns, initialChoice } from './cluster-choices.ts';
import { KSelectionChart } from './KSelectionChart.tsx';
import { PcaScatter } from './PcaScatter.tsx';

interface Props {
  readonly report: Report;
  /** The clustering options of the run behind this report (the form starts from them). */
  readonly lastOptions?: ClusterOptions | false;
  readonly isBusy: boolean;
  /** Only the profile is in: clustering runs (busy) or was stopped. */
  readonly isPartial?: boolean;
  readonly onRecluster: (options: ClusterOptions) => void;
}

/** k, how it was chosen, on which rows and features, and its quality. */
function ClusteringFacts({ clustering }: { readonly clustering: ClusteringReport }) {
  const { t, language } = useTranslation();
  const n = (v: number | null, digits = 3): string => (v === null ? t('none') : formatNumber(language, v, digits));
  const sample = {
    rows: formatNumber(language, clustering.silhouetteSample.rows ?? 0),
    seed: clustering.silhouetteSample.seed ?? 0,
  };
  const dropped = clustering.rowsDropped ?? 0;
  return (
    <>
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
          <dd>{n(clustering.rowsUsed, 0)}</dd>
        </div>
      </dl>
      <p className="hint">
        {/* The report's reason is English: a tooltip only for English readers (the text says the same). */}
        <span title={language === 'en' ? clustering.reason : undefined}>
          {clustering.kChosenBy === 'silhouette' ? t('chosenBySilhouette') : t('chosenByUser')}
        </span>
        ; {t('silhouette').toLowerCase()} {t('silhouetteSample', sample)}.{' '}
        {dropped > 0 && t('rowsDropped', { count: dropped })}
      </p>
      {clustering.selection != null && (
        <p className="hint" data-testid="cluster-selection">
          {t('selectionSampled', {
            rows: n(clustering.selection.rows ?? 0, 0),
            seed: clustering.selection.seed ?? 0,
            all: n(clustering.rowsUsed, 0),
          })}
        </p>
      )}
      <p data-testid="cluster-feature-list">
        {t('features')}: {clustering.features.join(', ')}
      </p>
    </>
  );
}

/** The clustering tab: facts, cluster cards, the options form, the k-selection chart and the PCA scatter. */
export function ClusteringPanel({ report, lastOptions, isBusy, isPartial = false, onRecluster }: Props) {
  const { t } = useTranslation();
  const { clustering } = report;
  const eligible = eligibleColumns(report.columns);
  const initial = initialChoice(eligible, clustering, lastOptions);
  return (
    <section aria-labelledby="clustering-heading" data-testid="clustering">
      <h2 id="clustering-heading">{t('clustering')}</h2>
      {clustering === null ? (
        <p className="hint" role="status" data-testid="clustering-state">
          {t(isPartial ? (isBusy ? 'clusteringRunning' : 'clusteringStopped') : 'noClustering')}
        </p>
      ) : (
        <ClusteringFacts clustering={clustering} />
      )}
      {clustering !== null && <ClusterCards clustering={clustering} />}
      <ClusterOptionsForm
        key={JSON.stringify(initial)}
        eligible={eligible}
        initial={initial}
        isBusy={isBusy}
        onRecluster={onRecluster}
      />
      {clustering !== null && (
        <>
          <div className="cluster-figures">
            <KSelectionChart clustering={clustering} />
            <PcaScatter clustering={clustering} />
          </div>
          <CandidatesTable clustering={clustering} />
        </>
      )}
    </section>
  );
}
