import type { ColumnReport, Report } from '../core/report.ts';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function showDelimiter(delimiter: string | null): string {
  return delimiter === '\t' ? 'tab' : (delimiter ?? '-');
}

function showThousands(separator: string | null | undefined): string {
  if (separator === ' ') return 'space';
  return separator === '' || separator == null ? 'none' : separator;
}

function num(value: unknown): string {
  return typeof value === 'number' ? String(Number(value.toPrecision(6))) : '-';
}

/* The few statistics that say most about a column, by type. */
function keyStats(c: ColumnReport): string {
  const s = c.stats;
  if (c.type === 'integer' || c.type === 'numeric') {
    return `mean ${num(s.mean)} sd ${num(s.std)} min ${num(s.min)} median ${num(s.median)} max ${num(s.max)}`;
  }
  if (c.type === 'datetime') {
    const day = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 10) : '-');
    return `${day(s.min)} … ${day(s.max)}`;
  }
  const top = (c.top ?? []).slice(0, 3).map(([value, count]) => `${value} (${count})`);
  return top.length === 0 ? '' : `top: ${top.join(', ')}`;
}

function header(report: Report): string[] {
  const { file } = report;
  return [
    `${file.name} — ${file.format.toUpperCase()}, ${file.bytes} bytes`,
    file.sheet === null
      ? `encoding ${file.encoding ?? '-'}, delimiter ${showDelimiter(file.delimiter)}, decimal ${file.decimalSeparator ?? '-'}, thousands ${showThousands(file.thousandsSeparator)}, header row ${file.headerRow}`
      : `sheet "${file.sheet}" of ${file.sheets.length} (${file.sheets.map((s) => `${s.name}: ${s.rows}×${s.columns}`).join(', ')}), header row ${file.headerRow}`,
    `${report.rows} rows × ${report.columns.length} columns, ${report.missingCells} of ${report.cells} cells missing, ${report.rowsSkipped} rows skipped, ${report.duplicateRows} duplicate rows`,
    ...(report.engine === undefined ? [] : [`engine: TF.js ${report.engine.backend}`]),
  ];
}

function columnTable(report: Report): string[] {
  const nameWidth = Math.min(32, Math.max(6, ...report.columns.map((c) => c.name.length)));
  const lines = [
    `${pad('column', nameWidth)}  ${pad('type', 11)}  ${pad('count', 8)}  ${pad('missing', 8)}  ${pad('distinct', 8)}  summary`,
  ];
  for (const c of report.columns) {
    const name = c.name.length > nameWidth ? `${c.name.slice(0, nameWidth - 1)}…` : c.name;
    const flags = c.flags.length > 0 ? ` [${c.flags.join(',')}]` : '';
    lines.push(
      `${pad(name, nameWidth)}  ${pad(c.type, 11)}  ${pad(String(c.count), 8)}  ${pad(String(c.missing), 8)}  ${pad(String(c.distinct), 8)}  ${keyStats(c)}${flags}`,
    );
  }
  return lines;
}

function correlationLines(report: Report): string[] {
  const strongest = report.correlations.strongest.slice(0, 5);
  if (strongest.length === 0) return [];
  return [
    '',
    'Strongest associations:',
    ...strongest.map((p) => `  ${p.columns.join(' ~ ')}: ${p.method} ${num(p.value)}`),
  ];
}

/* Control, bidi-override and C1 characters from the file would steer the terminal (colours, cursor, text order). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A line as it is safe to print: such characters from the file shown as \u escapes. */
export function printable(line: string): string {
  return line.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function clusteringLines(report: Report): string[] {
  const c = report.clustering;
  if (c === null) return [];
  return [
    '',
    `Clustering: k = ${c.k} (${c.kChosenBy === 'user' ? 'chosen' : 'best silhouette'}), silhouette ${num(c.silhouette)} on ${c.silhouetteSample.rows} sampled rows (seed ${c.silhouetteSample.seed}), ${c.rowsUsed} rows used`,
    `  sizes: ${c.sizes.join(', ')}`,
  ];
}

/** A readable plain-text summary of a report (the CLI's `--format text`). */
export function formatTextSummary(report: Report): string {
  const lines = [...header(report)];
  if (report.warnings.length > 0) lines.push('', 'Notices:', ...report.warnings.map((w) => `  - ${w.message}`));
  lines.push('', ...columnTable(report), ...correlationLines(report));
  if (report.alerts.length > 0) {
    lines.push('', 'Alerts:');
    for (const a of report.alerts)
      lines.push(`  [${a.severity}] ${a.column === undefined ? '' : `${a.column}: `}${a.message} → ${a.action}`);
  }
  lines.push(...clusteringLines(report));
  return `${lines.map(printable).join('\n')}\n`;
}
