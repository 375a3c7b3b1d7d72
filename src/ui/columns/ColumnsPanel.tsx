import { useEffect, useMemo, useState } from 'react';
import type { ColumnType } from '../../core/profile/infer-type.ts';
import type { Report } from '../../core/report.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { alertsByColumn, columnCardId } from '../report-format.ts';
import { ColumnCard } from './ColumnCard.tsx';
import { ColumnControls } from './ColumnControls.tsx';
import { selectColumns, type ColumnCriteria } from './column-view.ts';

/** Cards are rendered a page at a time: a 5,000-column file must not mount 5,000 charts. */
const PAGE_SIZE = 24;

/** A request to scroll to and focus a column's card; `seq` makes a repeated click a new request. */
export interface FocusRequest {
  readonly columnName: string;
  readonly seq: number;
}

interface Props {
  readonly report: Report;
  readonly criteria: ColumnCriteria;
  readonly onCriteriaChange: (criteria: ColumnCriteria) => void;
  readonly focusRequest: FocusRequest | null;
  readonly isBusy: boolean;
  readonly onTypeChange: (columnName: string, type: ColumnType) => void;
}

function useFocusCard(report: Report, request: FocusRequest | null): void {
  const index = request === null ? -1 : report.columns.findIndex((c) => c.name === request.columnName);
  // Only a new request moves focus: a re-analysis (new report, same request) must not steal it.
  useEffect(() => {
    if (request === null) return;
    const card = document.getElementById(columnCardId(index));
    card?.scrollIntoView({ block: 'start' });
    card?.focus({ preventScroll: true });
  }, [index, request]);
}

function useColumnEntries(report: Report, criteria: ColumnCriteria) {
  const alerts = useMemo(() => alertsByColumn(report.alerts), [report.alerts]);
  const counts = useMemo(() => new Map([...alerts].map(([name, list]) => [name, list.length])), [alerts]);
  const entries = useMemo(
    () => selectColumns(report.columns, report.rows, counts, criteria),
    [report.columns, report.rows, counts, criteria],
  );
  return { alerts, entries };
}

function ShownStatus({ shown, total }: { readonly shown: number; readonly total: number }) {
  const { t, language } = useTranslation();
  const n = (value: number): string => formatNumber(language, value);
  return (
    <p className="hint" role="status" data-testid="columns-shown">
      {shown === 0 ? t('noColumnsMatch') : t('showingColumns', { shown: n(shown), total: n(total) })}
    </p>
  );
}

/** The controls and one card per selected column, a page at a time. */
export function ColumnsPanel({ report, criteria, onCriteriaChange, focusRequest, isBusy, onTypeChange }: Props) {
  const { t, language } = useTranslation();
  const [limit, setLimit] = useState(PAGE_SIZE);
  const { alerts, entries } = useColumnEntries(report, criteria);
  const target = entries.findIndex((e) => e.column.name === focusRequest?.columnName);
  const shown = entries.slice(0, Math.max(limit, target + 1));
  useFocusCard(report, focusRequest);
  return (
    <section aria-labelledby="columns-heading" data-testid="columns-panel">
      <h2 id="columns-heading">{t('columns')}</h2>
      <ColumnControls
        criteria={criteria}
        onChange={(next) => {
          setLimit(PAGE_SIZE);
          onCriteriaChange(next);
        }}
      />
      <ShownStatus shown={shown.length} total={report.columns.length} />
      <div className="cards">
        {shown.map(({ index, column }) => (
          <ColumnCard
            key={column.name}
            index={index}
            column={column}
            rows={report.rows}
            alerts={alerts.get(column.name) ?? []}
            isBusy={isBusy}
            onTypeChange={onTypeChange}
          />
        ))}
      </div>
      {shown.length < entries.length && (
        <button type="button" onClick={() => setLimit(shown.length + PAGE_SIZE)}>
          {t('showMore', { count: formatNumber(language, Math.min(PAGE_SIZE, entries.length - shown.length)) })}
        </button>
      )}
    </section>
  );
}
