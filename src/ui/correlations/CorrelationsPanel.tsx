import { useState } from 'react';
import type { Report } from '../../core/report.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { Heatmap } from './Heatmap.tsx';
import { ScaleLegend } from './ScaleLegend.tsx';
import { StrongestPairs } from './StrongestPairs.tsx';

type MatrixMethod = 'pearson' | 'spearman' | 'cramersV';
const METHODS: readonly MatrixMethod[] = ['pearson', 'spearman', 'cramersV'];

function matrixOf(correlations: Report['correlations'], method: MatrixMethod) {
  if (method === 'cramersV')
    return { names: correlations.categorical.columns, matrix: correlations.categorical.cramersV };
  return { names: correlations.columns, matrix: correlations[method] };
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

/** Heatmap of one method at a time, the sampling note, omitted columns and the strongest pairs. */
export function CorrelationsPanel({ correlations }: { readonly correlations: Report['correlations'] }) {
  const { t, language } = useTranslation();
  const [method, setMethod] = useState<MatrixMethod>('pearson');
  const { names, matrix } = matrixOf(correlations, method);
  const sample = correlations.spearmanSample;
  return (
    <section aria-labelledby="correlations-heading" data-testid="correlations-panel">
      <h2 id="correlations-heading">{t('correlations')}</h2>
      <MethodSwitch method={method} onChange={setMethod} />
      {sample !== null && (
        <p className="notice" data-testid="spearman-sample">
          {t('spearmanSampled', { rows: formatNumber(language, sample.rows ?? 0), seed: sample.seed ?? 0 })}
        </p>
      )}
      {names.length < 2 ? (
        <p className="hint">{t('notEnoughColumns')}</p>
      ) : (
        <>
          <ScaleLegend isSigned={method !== 'cramersV'} />
          <Heatmap names={names} matrix={matrix} caption={t('heatmapCaption', { method: t(`method_${method}`) })} />
        </>
      )}
      {correlations.omittedColumns.length > 0 && (
        <p className="hint">{t('omittedColumns', { names: correlations.omittedColumns.join(', ') })}</p>
      )}
      <StrongestPairs pairs={correlations.strongest} />
    </section>
  );
}
