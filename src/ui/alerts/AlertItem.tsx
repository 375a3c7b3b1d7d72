import type { Alert } from '../../core/profile/alerts.ts';
import { COLUMN_TYPES, type ColumnType } from '../../core/profile/infer-type.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { alertTexts } from '../report-format.ts';
import { SeverityBadge } from './SeverityBadge.tsx';

interface Props {
  readonly alert: Alert;
  readonly onShowColumn: (columnName: string) => void;
}

/* The evidence's keys as Spanish readers read them (English keys are the report's own names). */
const SPANISH_KEYS: Readonly<Record<string, string>> = {
  cells: 'celdas',
  count: 'valores',
  decimal: 'signo decimal',
  distinct: 'distintos',
  example: 'ejemplo',
  groups: 'grupos',
  high: 'límite superior',
  low: 'límite inferior',
  missing: 'vacíos',
  numeric: 'numéricos',
  other: 'otra columna',
  r: 'r',
  rows: 'filas',
  share: 'proporción',
  skewness: 'asimetría',
  type: 'tipo',
  value: 'valor',
  zeros: 'ceros',
};

function Evidence({ evidence }: { readonly evidence: Alert['evidence'] }) {
  const { t, language } = useTranslation();
  const entries = Object.entries(evidence);
  if (entries.length === 0) return null;
  return (
    <div className="alert__evidence">
      <span className="alert__label">{t('evidence')}:</span>{' '}
      {entries.map(([key, value], i) => (
        <span key={key}>
          {i > 0 && ', '}
          <code>{language === 'es' ? (SPANISH_KEYS[key] ?? key) : key}</code> ={' '}
          {typeof value === 'number'
            ? formatNumber(language, value, 4)
            : key === 'type' && (COLUMN_TYPES as readonly string[]).includes(value)
              ? t(`type_${value as ColumnType}`)
              : value}
        </span>
      ))}
    </div>
  );
}

/** One alert: severity, the column it is about (a link to its card), message, evidence, action and rule. */
export function AlertItem({ alert, onShowColumn }: Props) {
  const { t, language } = useTranslation();
  const texts = alertTexts(alert, language);
  const column = alert.column;
  return (
    <li className={`alert alert--${alert.severity}`} data-testid="alert" data-code={alert.code}>
      <p className="alert__head">
        <SeverityBadge severity={alert.severity} />{' '}
        {column === undefined ? (
          <span className="alert__column">{t('wholeTable')}</span>
        ) : (
          <button type="button" className="link" data-testid="alert-column" onClick={() => onShowColumn(column)}>
            <span className="visually-hidden">{t('showColumn')}: </span>
            {column}
          </button>
        )}
      </p>
      <p className="alert__message">{texts.message}</p>
      <Evidence evidence={alert.evidence} />
      <p>
        <span className="alert__label">{t('suggestedAction')}:</span> {texts.action}
      </p>
      <p className="hint">
        {t('rule')}: {texts.rule}
      </p>
    </li>
  );
}
