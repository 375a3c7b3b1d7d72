import { useState } from 'react';
import type { Report } from '../../core/report.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import type { PairSample } from '../../core/pair-sample.ts';
import { Heatmap } from './Heatmap.tsx';
import { PairScatter } from './PairScatter.tsx';
import { ScaleLegend } from './ScaleLegend.tsx';
import { StrongestPairs } from './StrongestPairs.tsx';

type MatrixMethod = 'pearson' | 'spearman' | 'cramersV' | 'eta';
const METHODS: readonly MatrixMethod[] = ['pearson', 'spearman', 'cramersV', 'eta'];

interface Grid {
  readonly names: readonly string[];
  readonly colNames: readonly string[];
  readonly matrix: readonly (readonly (number | null)[])[];
}

/** η as a categories × numbers grid (the report lists it pair by pair). */
function etaGrid(eta: Report['correlations']['eta']): Grid {
  const names = [...new Set(eta.map((e) => e.categorical))];
  const colNames = [...new Set(eta.map((e) => e.numeric))];
  const value = new Map(eta.map((e) => [`${e.categorical}\u0000${e.numeric}`, e.value]));
  return { names, colNames, matrix: names.map((r) => colNames.map((c) => value.get(`${r}\u0000${c}`) ?? null)) };
}

function gridOf(correlations: Report['correlations'], method: MatrixMethod): Grid {
  if (method === 'eta') return etaGrid(correlations.eta);
  const { columns, cramersV } = correlations.categorical;
  if (method === 'cramersV') return { names: columns, colNames: columns, matrix: cramersV };
  return { names: correlations.columns, colNames: correlations.columns, matrix: correlations[method] };
}

function MethodSwitch({
  method,
  onChange,
}: {
  readonly method: MatrixMethod;
  readonly onChange: (m: MatrixMethod) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="method-switch" data-testid="method-switch">
      <legend>{t('method')}</legend>
      {METHODS.map((m) => (
        <label key={m}>
          <input type="radio" name="correlation-method" value={m} checked={m === method} onChange={() => onChange(m)} />{' '}
          {t(`method_${m}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** The strongest Pearson pair, else the first two number columns. */
function firstPair(correlations: Report['correlations']): readonly [string, string] | null {
  const strongest = correlations.strongest.find((p) => p.method === 'pearson');
  if (strongest !== undefined) return strongest.columns;
  const [a, b] = correlations.columns;
  return a === undefined || b === undefined ? null : [a, b];
}

/** The heatmap of one method with its legend, or why there is none. */
function MethodHeatmap({
  correlations,
  method,
}: {
  readonly correlations: Report['correlations'];
  readonly method: MatrixMethod;
}) {
  const { t } = useTranslation();
  const grid = gridOf(correlations, method);
  const isEmpty = method === 'eta' ? grid.names.length === 0 : grid.names.length < 2;
  if (isEmpty) return <p className="hint">{t(method === 'eta' ? 'notEnoughEta' : 'notEnoughColumns')}</p>;
  return (
    <>
      <ScaleLegend isSigned={method === 'pearson' || method === 'spearman'} />
      <Heatmap
        {...grid}
        caption={t(method === 'eta' ? 'etaCaption' : 'heatmapCaption', { method: t(`method_${method}`) })}
      />
    </>
  );
}

/** Heatmap of one method at a time, the sampling note, omitted columns, the strongest pairs and a pair's scatter. */
export function CorrelationsPanel({
  correlations,
  loadPair,
}: {
  readonly correlations: Report['correlations'];
  readonly loadPair: (x: string, y: string) => Promise<PairSample>;
}) {
  const { t, language } = useTranslation();
  const [method, setMethod] = useState<MatrixMethod>('pearson');
  const sample = correlations.spearmanSample;
  const pair = firstPair(correlations);
  return (
    <section aria-labelledby="correlations-heading" data-testid="correlations-panel">
      <h2 id="correlations-heading">{t('correlations')}</h2>
      <MethodSwitch method={method} onChange={setMethod} />
      {sample !== null && (
        <p className="notice" data-testid="spearman-sample">
          {t('spearmanSampled', { rows: formatNumber(language, sample.rows ?? 0), seed: sample.seed ?? 0 })}
        </p>
      )}
      <MethodHeatmap correlations={correlations} method={method} />
      {correlations.omittedColumns.length > 0 && (
        <p className="hint">{t('omittedColumns', { names: correlations.omittedColumns.join(', ') })}</p>
      )}
      <StrongestPairs pairs={correlations.strongest} />
      {pair !== null && (
        <>
          <h3>{t('scatterTitle')}</h3>
          <PairScatter
            key={correlations.columns.join('\u0000')}
            names={correlations.columns}
            initial={pair}
            loadPair={loadPair}
          />
        </>
      )}
    </section>
  );
}
