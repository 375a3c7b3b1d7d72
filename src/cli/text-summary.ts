import type { Report } from '../core/report.ts';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function showDelimiter(delimiter: string | null): string {
  return delimiter === '\t' ? 'tab' : (delimiter ?? '-');
}

/** A readable plain-text summary of a report (the CLI's `--format text`). */
export function formatTextSummary(report: Report): string {
  const { file } = report;
  const lines = [
    `${file.name} — ${file.format.toUpperCase()}, ${file.bytes} bytes`,
    file.sheet === null
      ? `encoding ${file.encoding ?? '-'}, delimiter ${showDelimiter(file.delimiter)}, decimal ${file.decimalSeparator ?? '-'}, header row ${file.headerRow}`
      : `sheet "${file.sheet}" of ${file.sheets.length} (${file.sheets.map((s) => `${s.name}: ${s.rows}×${s.columns}`).join(', ')}), header row ${file.headerRow}`,
    `${report.rows} rows × ${report.columns.length} columns, ${report.missingCells} of ${report.cells} cells missing, ${report.rowsSkipped} rows skipped`,
  ];
  if (report.engine !== undefined) lines.push(`engine: TF.js ${report.engine.backend}`);
  if (report.warnings.length > 0) {
    lines.push('', 'Notices:');
    for (const w of report.warnings) lines.push(`  - ${w.message}`);
  }
  const nameWidth = Math.min(32, Math.max(6, ...report.columns.map((c) => c.name.length)));
  lines.push(
    '',
    `${pad('column', nameWidth)}  ${pad('type', 11)}  ${pad('count', 9)}  ${pad('missing', 9)}  distinct  flags`,
  );
  for (const c of report.columns) {
    const name = c.name.length > nameWidth ? `${c.name.slice(0, nameWidth - 1)}…` : c.name;
    lines.push(
      `${pad(name, nameWidth)}  ${pad(c.type, 11)}  ${pad(String(c.count), 9)}  ${pad(String(c.missing), 9)}  ${pad(String(c.distinct), 8)}  ${c.flags.join(',')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
