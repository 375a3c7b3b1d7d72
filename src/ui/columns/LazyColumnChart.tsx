import { lazy, Suspense, useRef } from 'react';
import { PngButton } from '../export/PngButton.tsx';
import type { ColumnReport } from '../../core/report.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { chartDataOf, type ChartData } from './chart-data.ts';

// recharts is heavy: fetched only when the first card with a chart renders.
const ColumnChart = lazy(() => import('./ColumnChart.tsx').then((module) => ({ default: module.ColumnChart })));

function ChartTable({ data }: { readonly data: ChartData }) {
  const { t, language } = useTranslation();
  return (
    <details className="chart__values">
      <summary>{t('chartValues')}</summary>
      <table className="columns">
        <thead>
          <tr>
            <th scope="col">{data.kind === 'histogram' ? t('range') : t('value')}</th>
            <th scope="col">{t('count')}</th>
          </tr>
        </thead>
        <tbody>
          {data.bars.map((bar, i) => (
            <tr key={i}>
              <th scope="row">{bar.label}</th>
              <td>{formatNumber(language, bar.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The column's chart, drawn once recharts has loaded, with its values also readable as a table. */
export function LazyColumnChart({ column }: { readonly column: ColumnReport }) {
  const { t, language } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const data = chartDataOf(column, language);
  if (data === null) return null;
  const caption = t(data.kind === 'histogram' ? 'chartHistogram' : 'chartTop', { name: column.name });
  return (
    <figure className="chart" data-testid="column-chart">
      <figcaption>{caption}</figcaption>
      <div role="img" aria-label={caption} className="chart__canvas" ref={ref}>
        <Suspense fallback={<p className="hint">{t('chartLoading')}</p>}>
          <ColumnChart data={data} countLabel={t('count')} />
        </Suspense>
      </div>
      <ChartTable data={data} />
      <PngButton target={ref} name={`chart-${column.name}`} label={t('pngOfColumn', { name: column.name })} />
    </figure>
  );
}
