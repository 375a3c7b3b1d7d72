import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import type { Report } from '../../core/report.ts';
import type { RowWindow, RowWindowRequest } from '../../core/table-view.ts';
import { messageFor } from '../error-messages.ts';
import { numberCellText } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { useRowPages, type RowPages, type Sort } from './use-row-pages.ts';

const ROW_HEIGHT = 32;

interface Props {
  readonly report: Report;
  readonly loadRows: (request: RowWindowRequest) => Promise<RowWindow>;
}

interface HeadProps {
  readonly columns: readonly string[];
  readonly hasClusters: boolean;
  readonly template: string;
  readonly sort: Sort;
  readonly onToggle: (column: number) => void;
}

/** Column headers; each is a button that sorts ascending, then descending, then not at all. */
function DataHead({ columns, hasClusters, template, sort, onToggle }: HeadProps) {
  const { t } = useTranslation();
  return (
    <div role="row" aria-rowindex={1} className="data-row data-head" style={{ gridTemplateColumns: template }}>
      <span role="columnheader">#</span>
      {columns.map((name, i) => (
        <span
          role="columnheader"
          key={name}
          aria-sort={sort?.column === i ? (sort.descending ? 'descending' : 'ascending') : 'none'}
        >
          <button type="button" onClick={() => onToggle(i)} data-testid={`sort-${i}`}>
            {name} {sort?.column === i ? (sort.descending ? '▼' : '▲') : ''}
          </button>
        </span>
      ))}
      {hasClusters && <span role="columnheader">{t('clusterColumn')}</span>}
    </div>
  );
}

interface RowProps {
  readonly row: ReturnType<RowPages['rowAt']>;
  readonly index: number;
  readonly start: number;
  readonly columns: readonly string[];
  readonly hasClusters: boolean;
  readonly template: string;
}

/** One row at its virtual position; a row not fetched yet shows "…", a missing cell a marked dash. */
function DataRow({ row, index, start, columns, hasClusters, template }: RowProps) {
  const { t, language } = useTranslation();
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className="data-row"
      style={{ gridTemplateColumns: template, transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
    >
      <span role="cell" className="data-rownum">
        {row?.rowNumber ?? '…'}
      </span>
      {columns.map((name, c) => {
        const value = row?.cells[c];
        return value === null ? (
          <span role="cell" key={name} className="cell--missing" aria-label={t('missingCell')}>
            —
          </span>
        ) : (
          <span role="cell" key={name}>
            {value === undefined ? '' : row?.numberColumns[c] === true ? numberCellText(language, value) : value}
          </span>
        );
      })}
      {hasClusters && <span role="cell">{row?.cluster ?? ''}</span>}
    </div>
  );
}

/**
 * The rows themselves, virtualised: only the visible rows exist in the DOM, fetched from the
 * worker a page at a time, so a million rows scroll like ten. Sortable by any column.
 */
export function DataTable({ report, loadRows }: Props) {
  const { t, language } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [sort, setSort] = useState<Sort>(undefined);
  const { rowAt, error } = useRowPages(loadRows, sort, report);
  const failure = error === undefined ? undefined : messageFor(language, error.code);
  // TanStack Virtual hands back fresh functions each render, which the React compiler cannot memoise; fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: report.rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const hasClusters = report.clustering !== null;
  const columns = report.columns.map((c) => c.name);
  const template = `5rem repeat(${columns.length + (hasClusters ? 1 : 0)}, minmax(8rem, 1fr))`;
  const onToggle = (column: number): void =>
    setSort((s) =>
      s?.column === column ? (s.descending ? undefined : { column, descending: true }) : { column, descending: false },
    );
  const shared = { columns, hasClusters, template };
  return (
    <div
      role="table"
      aria-label={t('dataTab')}
      aria-rowcount={report.rows + 1}
      className="data-table"
      data-testid="data-table"
    >
      <DataHead {...shared} sort={sort} onToggle={onToggle} />
      {failure !== undefined && (
        <p role="alert" className="notice" data-testid="rows-error">
          {failure.message} {failure.action}
        </p>
      )}
      <div ref={scrollRef} className="data-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <DataRow key={item.key} {...shared} row={rowAt(item.index)} index={item.index} start={item.start} />
          ))}
        </div>
      </div>
    </div>
  );
}
