/*
 * The table back as CSV with a `cluster` column, safe to open in Excel: text cells that a
 * spreadsheet would run as a formula (starting with = + - @, tab, CR or NUL) are prefixed with an
 * apostrophe (OWASP's advice), while numbers stay numbers. Fields are quoted per RFC 4180.
 */
import type { Column, Table } from './table.ts';

export interface CsvExportOptions {
  readonly delimiter?: ',' | ';' | '\t' | '|';
  readonly decimal?: '.' | ',';
  /** Cluster of each row, -1 (written empty) for rows not clustered; omit for no column. */
  readonly labels?: Int32Array;
  readonly labelColumn?: string;
}

const FORMULA_START = /^[=+\-@\t\r\0]/;

/** Neutralises a text cell that a spreadsheet would evaluate. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(field: string, delimiter: string): string {
  const needs = field.includes(delimiter) || field.includes('"') || field.includes('\n') || field.includes('\r');
  return needs ? `"${field.replaceAll('"', '""')}"` : field;
}

function numberText(value: number, decimal: '.' | ','): string {
  const text = Object.is(value, -0) ? '0' : String(value);
  return decimal === ',' ? text.replace('.', ',') : text;
}

function dateText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

function cellText(column: Column, row: number, decimal: '.' | ','): string {
  if (column.kind === 'string') {
    const code = column.codes[row] as number;
    return code < 0 ? '' : neutraliseFormula(column.dictionary[code] ?? '');
  }
  const v = column.values[row] as number;
  if (Number.isNaN(v)) return '';
  return column.kind === 'date' ? dateText(v) : numberText(v, decimal);
}

/** Opens the text: Excel reads a CSV without it in the system's code page, and garbles accents. */
export const UTF8_BOM = '\uFEFF';

/**
 * Serialises the table (header first) with CRLF line ends, as Excel writes CSV, after a byte-order
 * mark (the text is written as UTF-8). O(cells); builds the text in chunks of rows to keep peak
 * memory near the output size.
 */
export function exportCsv(table: Table, options: CsvExportOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const decimal = options.decimal ?? '.';
  const labels = options.labels;
  const header = table.columns.map((c) => quote(neutraliseFormula(c.name), delimiter));
  if (labels !== undefined) header.push(quote(options.labelColumn ?? 'cluster', delimiter));
  const parts = [header.join(delimiter)];
  for (let r = 0; r < table.rowCount; r++) {
    const fields = table.columns.map((c) => quote(cellText(c, r, decimal), delimiter));
    if (labels !== undefined) fields.push((labels[r] ?? -1) < 0 ? '' : String(labels[r]));
    parts.push(fields.join(delimiter));
  }
  return `${UTF8_BOM}${parts.join('\r\n')}\r\n`;
}
