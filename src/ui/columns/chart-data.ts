import type { ColumnReport } from '../../core/report.ts';
import { formatNumber, type Language } from '../i18n.ts';
import { formatDate } from '../report-format.ts';

export interface ChartBar {
  readonly label: string;
  readonly count: number;
}

/** What a column card draws: histogram bins (numbers, dates) or its most frequent values. */
export interface ChartData {
  readonly kind: 'histogram' | 'top';
  readonly bars: readonly ChartBar[];
}

function histogramBars(column: ColumnReport, language: Language): ChartBar[] {
  const { edges, counts } = column.histogram ?? { edges: [], counts: [] };
  const label = (edge: number | null | undefined): string => {
    if (edge == null) return '?';
    return column.type === 'datetime' ? formatDate(edge) : formatNumber(language, edge, 3);
  };
  return counts.map((count, i) => ({ label: `${label(edges[i])} – ${label(edges[i + 1])}`, count: count ?? 0 }));
}

/** The chart of a column, or null when it has nothing to draw (no histogram and no frequent values). */
export function chartDataOf(column: ColumnReport, language: Language): ChartData | null {
  const isBinned = column.type === 'integer' || column.type === 'numeric' || column.type === 'datetime';
  if (isBinned && (column.histogram?.counts.length ?? 0) > 0) {
    return { kind: 'histogram', bars: histogramBars(column, language) };
  }
  const isCounted = column.type === 'categorical' || column.type === 'boolean';
  if (isCounted && (column.top?.length ?? 0) > 0) {
    return { kind: 'top', bars: (column.top ?? []).map(([label, count]) => ({ label, count })) };
  }
  return null;
}
