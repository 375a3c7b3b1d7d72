import type { Report } from '../../core/report.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';

/** The strongest pairs of every method, strongest first, as the report lists them. */
export function StrongestPairs({ pairs }: { readonly pairs: Report['correlations']['strongest'] }) {
  const { t, language } = useTranslation();
  if (pairs.length === 0) return null;
  return (
    <>
      <h3>{t('strongestPairs')}</h3>
      <ol className="pairs" data-testid="strongest-pairs">
        {pairs.map((pair, i) => (
          <li key={i}>
            <span className="pairs__names">
              {pair.columns[0]} × {pair.columns[1]}
            </span>
            : <strong>{pair.value === null ? t('none') : formatNumber(language, pair.value, 3)}</strong> (
            {t(`method_${pair.method}`)})
          </li>
        ))}
      </ol>
    </>
  );
}
