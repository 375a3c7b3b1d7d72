import type { ColumnReport } from '../../core/report.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { formatDate, formatShare, numberStat } from '../report-format.ts';

type Fact = readonly [label: string, value: string];
const TOP_SHOWN = 3;

function useFacts(column: ColumnReport, rows: number): Fact[] {
  const { t, language } = useTranslation();
  const num = (key: string): string => {
    const value = numberStat(column.stats, key);
    return value === null ? t('none') : formatNumber(language, value, 4);
  };
  const date = (key: string): string => {
    const value = column.stats[key];
    return typeof value === 'string' ? formatDate(value) : t('none');
  };
  const missing: Fact = [t('missingShare'), formatShare(language, rows === 0 ? 0 : column.missing / rows)];
  switch (column.type) {
    case 'integer':
    case 'numeric':
      return [
        [t('mean'), num('mean')],
        [t('std'), num('std')],
        [t('min'), num('min')],
        [t('median'), num('median')],
        [t('max'), num('max')],
        missing,
      ];
    case 'datetime':
      return [[t('earliest'), date('min')], [t('latest'), date('max')], missing];
    case 'boolean':
      return [[t('trueCount'), num('trueCount')], [t('falseCount'), num('falseCount')], missing];
    default:
      return [[t('distinct'), formatNumber(language, column.distinct)], missing];
  }
}

/** The key statistics of a column for its type; top values of categorical and text columns as a list. */
export function ColumnStats({ column, rows }: { readonly column: ColumnReport; readonly rows: number }) {
  const { t, language } = useTranslation();
  const facts = useFacts(column, rows);
  const hasTop = (column.type === 'categorical' || column.type === 'text') && (column.top?.length ?? 0) > 0;
  return (
    <>
      <dl className="stats stats--compact">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {hasTop && (
        <>
          <h4>{t('topValues')}</h4>
          <ol className="top-values">
            {column.top?.slice(0, TOP_SHOWN).map(([value, count]) => (
              <li key={value}>
                <span className="top-values__value">{value}</span> — {formatNumber(language, count)}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
