import type { Alert } from '../../core/profile/alerts.ts';
import { COLUMN_TYPES, type ColumnType } from '../../core/profile/infer-type.ts';
import type { ColumnReport } from '../../core/report.ts';
import { SeverityBadge } from '../alerts/SeverityBadge.tsx';
import { useTranslation } from '../language-context.tsx';
import { alertTexts, columnCardId } from '../report-format.ts';
import { SelectField } from '../SelectField.tsx';
import { ColumnStats } from './ColumnStats.tsx';
import { LazyColumnChart } from './LazyColumnChart.tsx';

interface Props {
  readonly index: number;
  readonly column: ColumnReport;
  readonly rows: number;
  readonly alerts: readonly Alert[];
  readonly isBusy: boolean;
  readonly onTypeChange: (columnName: string, type: ColumnType) => void;
}

function ColumnAlerts({ alerts }: { readonly alerts: readonly Alert[] }) {
  const { t, language } = useTranslation();
  if (alerts.length === 0) return null;
  return (
    <>
      <h4>{t('columnAlerts')}</h4>
      <ul className="card-alerts">
        {alerts.map((alert, i) => (
          <li key={i}>
            <SeverityBadge severity={alert.severity} /> <span>{alertTexts(alert, language).message}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** One column: name, its type (changeable), key statistics, a chart, its alerts and flags. */
export function ColumnCard({ index, column, rows, alerts, isBusy, onTypeChange }: Props) {
  const { t } = useTranslation();
  const id = columnCardId(index);
  const typeOptions = COLUMN_TYPES.map((type) => ({ value: type, label: t(`type_${type}`) }));
  return (
    <article id={id} className="card" tabIndex={-1} aria-labelledby={`${id}-name`} data-testid="column-card">
      <h3 id={`${id}-name`} className="card__name">
        {column.name}
      </h3>
      <div className="card__type">
        <SelectField
          label={t('columnType')}
          accessibleName={t('columnTypeOf', { name: column.name })}
          value={column.type}
          options={typeOptions}
          testId="column-type"
          isDisabled={isBusy}
          onChange={(type) => onTypeChange(column.name, type)}
        />
        {column.type !== column.inferredType && (
          <span className="hint">{t('detectedType', { type: t(`type_${column.inferredType}`) })}</span>
        )}
      </div>
      <ColumnStats column={column} rows={rows} />
      <LazyColumnChart column={column} />
      <ColumnAlerts alerts={alerts} />
      {column.flags.length > 0 && (
        <p className="flags">
          {t('flags')}:{' '}
          {column.flags.map((flag) => (
            <span key={flag} className="flag">
              {t(`flag_${flag}`)}
            </span>
          ))}
        </p>
      )}
    </article>
  );
}
