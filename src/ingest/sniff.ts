import { parseNumber, type NumberFormat } from '../core/number-format.ts';
import { DELIMITERS, type Delimiter } from './options.ts';

export type Newline = '\n' | '\r\n' | '\r';

export interface Dialect {
  readonly delimiter: Delimiter;
  /** The line break, taken from the first one outside quotes; the others are data (as papaparse does). */
  readonly newline: Newline;
  readonly format: NumberFormat;
  /** True when the file opened with Excel's `sep=X` line (it is skipped). */
  readonly hasSepLine: boolean;
  /** Characters (ASCII, so also bytes) of that line with its line break; 0 without one. */
  readonly sepLineLength: number;
}

const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_ROWS = 200;

/** Splits the start of a text into rows of fields, honouring double quotes. Sample-sized use only. */
export function splitSample(text: string, delimiter: string, maxRows = SAMPLE_ROWS): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  const end = Math.min(text.length, SAMPLE_CHARS);
  for (let i = 0; i < end && rows.length < maxRows; i++) {
    const c = text.charAt(i);
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else field += c;
    } else if (c === '"' && field === '') inQuotes = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  // The last row is complete only when the whole text fitted in the sample.
  if (end === text.length && (row.length > 0 || field !== '')) rows.push([...row, field]);
  return rows;
}

interface Candidate {
  delimiter: Delimiter;
  score: number;
}

function modeOf(values: number[]): { value: number; share: number } {
  const counts = new Map<number, number>();
  let best = 0;
  let value = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > best) {
      best = c;
      value = v;
    }
  }
  return { value, share: values.length === 0 ? 0 : best / values.length };
}

/**
 * Scores a delimiter: rows must agree on a field count above one, and fields must not contain
 * another candidate delimiter outside quotes (a `;` file split on `,` leaves `5;2` cells).
 */
function scoreDelimiter(text: string, delimiter: Delimiter): number {
  const rows = splitSample(text, delimiter);
  if (rows.length === 0) return 0;
  const { value: width, share } = modeOf(rows.map((r) => r.length));
  if (width < 2) return 0;
  const others = DELIMITERS.filter((d) => d !== delimiter && d !== ',');
  let cells = 0;
  let clean = 0;
  for (const row of rows) {
    for (const cell of row) {
      cells++;
      if (!others.some((d) => cell.includes(d))) clean++;
    }
  }
  return share * (0.5 + (0.5 * clean) / cells) * (1 + Math.log2(width) / 100);
}

/*
 * Candidate number formats, simplest first: on a tie the earlier one wins. In comma-delimited files
 * only quoted cells can hold a comma, so the same list serves every delimiter.
 */
const NUMBER_FORMATS: readonly NumberFormat[] = [
  { decimal: '.', thousands: '' },
  { decimal: ',', thousands: '' },
  { decimal: '.', thousands: ',' },
  { decimal: ',', thousands: '.' },
  { decimal: '.', thousands: ' ' },
  { decimal: ',', thousands: ' ' },
];

/** Chooses the number format under which the most cells parse as numbers (ties: the simpler one). */
export function sniffNumberFormat(cells: readonly string[]): NumberFormat {
  let best = NUMBER_FORMATS[0] ?? { decimal: '.', thousands: '' };
  let bestCount = -1;
  for (const format of NUMBER_FORMATS) {
    let count = 0;
    for (const cell of cells) if (!Number.isNaN(parseNumber(cell, format))) count++;
    if (count > bestCount) {
      best = format;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Infers delimiter and number format together from the first 64 KiB: `1,5;2,25` gives `;` and a
 * decimal comma. Honours Excel's `sep=X` first line. Forced values are kept as given.
 */
export function sniffDialect(
  text: string,
  forced: { delimiter?: Delimiter; decimal?: NumberFormat['decimal']; thousands?: NumberFormat['thousands'] } = {},
): Dialect {
  const sepLine = /^sep=([,;\t|])(\r\n|\n|\r)/.exec(text.slice(0, 8));
  const hasSepLine = sepLine !== null;
  const body = hasSepLine ? text.slice(sepLine[0].length) : text;
  const delimiter = forced.delimiter ?? (sepLine?.[1] as Delimiter | undefined) ?? pickDelimiter(body);
  const cells = splitSample(body, delimiter).slice(1).flat();
  const sniffed = sniffNumberFormat(cells);
  const decimal = forced.decimal ?? sniffed.decimal;
  const thousands = forced.thousands ?? (decimal === sniffed.decimal ? sniffed.thousands : '');
  return {
    delimiter,
    newline: detectNewline(body),
    format: { decimal, thousands: thousands === decimal ? '' : thousands },
    hasSepLine,
    sepLineLength: sepLine?.[0].length ?? 0,
  };
}

/** The first line break outside double quotes; LF when there is none. */
export function detectNewline(text: string): Newline {
  let inQuotes = false;
  const end = Math.min(text.length, SAMPLE_CHARS);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
    else if (!inQuotes && c === 10) return '\n';
  }
  return '\n';
}

function pickDelimiter(text: string): Delimiter {
  let best: Candidate = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const score = scoreDelimiter(text, delimiter);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}
