import { DEFAULT_NUMBER_FORMAT, parseNumber, type NumberFormat } from '../core/number-format.ts';
import { DELIMITERS, type Delimiter } from './options.ts';

export type Newline = '\n' | '\r\n' | '\r';

export interface Dialect {
  readonly delimiter: Delimiter;
  /** The first line break outside quotes (rows end at CRLF, LF or CR alike: see lineBreakAt). */
  readonly newline: Newline;
  readonly format: NumberFormat;
  /** True when the file opened with Excel's `sep=X` line (it is skipped). */
  readonly hasSepLine: boolean;
  /** Characters (ASCII, so also bytes) of that line with its line break; 0 without one. */
  readonly sepLineLength: number;
  /** Set when a separator in the sample's numbers reads two ways (which one was taken). */
  readonly ambiguous?: AmbiguousNumbers;
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
 * another candidate delimiter outside quotes (a `;` file split on `,` leaves `5;2` cells). With
 * the header on the first line, a delimiter that does not split it is not the file's: `valor` over
 * `1,5` and `2,25` is one column of decimal commas.
 */
function scoreDelimiter(text: string, delimiter: Delimiter, headerFirst: boolean): number {
  const rows = splitSample(text, delimiter);
  if (rows.length === 0) return 0;
  const { value: width, share } = modeOf(rows.map((r) => r.length));
  if (width < 2) return 0;
  if (headerFirst && rows.length > 1 && rows[0]?.length === 1) return 0;
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

/** A separator that reads the sample's numbers two ways, and the reading chosen. */
export interface AmbiguousNumbers {
  readonly separator: ',' | '.';
  /** A cell that reads both ways, e.g. "1,500". */
  readonly example: string;
  readonly readAs: 'thousands' | 'decimal';
}

function parsedCount(cells: readonly string[], format: NumberFormat): number {
  let count = 0;
  for (const cell of cells) if (!Number.isNaN(parseNumber(cell, format))) count++;
  return count;
}

/* The formats of `candidates` under which the most cells parse as numbers, simplest first. */
function mostParsed(cells: readonly string[], candidates: readonly NumberFormat[]): NumberFormat[] {
  const counts = candidates.map((format) => parsedCount(cells, format));
  const most = Math.max(...counts);
  return candidates.filter((_, i) => counts[i] === most);
}

/*
 * Cells like "1,500" or "12.000" read as a decimal under one format and as a thousands group under
 * another, with every cell parsing both ways. A comma in a comma-delimited file (quoted) and a dot
 * in a ;-delimited one (the European convention) are then read as thousands; elsewhere the decimal
 * reading stays. Either way, the ambiguity is returned, for a notice. (A cell like "0.500" is no
 * thousands group, so it settles the format before any tie.)
 */
function settleAmbiguity(
  cells: readonly string[],
  tied: readonly NumberFormat[],
  delimiter: Delimiter,
): { format: NumberFormat; ambiguous?: AmbiguousNumbers } {
  const simplest = tied[0] ?? DEFAULT_NUMBER_FORMAT;
  // No number in the samples shows a separator: a ;-delimited file follows the European convention
  // (Excel writes ; where the decimal sign is a comma), so that a 3,5 further down reads as 3.5.
  const european = delimiter === ';' ? tied.find((f) => f.decimal === ',' && f.thousands === '.') : undefined;
  const hasEvidence = (): boolean =>
    cells.some((c) => /[.,]/.test(c) && tied.some((f) => !Number.isNaN(parseNumber(c, f))));
  if (european !== undefined && !hasEvidence()) return { format: european };
  if (simplest.thousands !== '') return { format: simplest };
  const separator = simplest.decimal;
  const grouped = tied.find((f) => f.thousands === separator);
  const example = cells.find((cell) => cell.includes(separator) && !Number.isNaN(parseNumber(cell, simplest)));
  if (grouped === undefined || example === undefined) return { format: simplest };
  const isConvention = (delimiter === ',' && separator === ',') || (delimiter === ';' && separator === '.');
  const readAs = isConvention ? 'thousands' : 'decimal';
  return { format: readAs === 'thousands' ? grouped : simplest, ambiguous: { separator, example, readAs } };
}

/**
 * Chooses the number format under which the most cells parse as numbers (ties: the simpler one,
 * except for a separator read both ways, see settleAmbiguity). `delimiter`: the file's.
 */
export function sniffNumberFormat(cells: readonly string[], delimiter: Delimiter = ','): NumberFormat {
  return settleAmbiguity(cells, mostParsed(cells, NUMBER_FORMATS), delimiter).format;
}

/* The format for the sample, honouring a forced decimal or thousands separator (the other completes it). */
function numberFormatFor(
  cells: readonly string[],
  delimiter: Delimiter,
  forced: { decimal?: NumberFormat['decimal']; thousands?: NumberFormat['thousands'] },
): { format: NumberFormat; ambiguous?: AmbiguousNumbers } {
  const { decimal, thousands } = forced;
  if (decimal !== undefined && thousands !== undefined)
    return { format: { decimal, thousands: thousands === decimal ? '' : thousands } };
  if (decimal === undefined && thousands === undefined)
    return settleAmbiguity(cells, mostParsed(cells, NUMBER_FORMATS), delimiter);
  // Every decimal and every thousands separator has a candidate format, so one is always allowed.
  const allowed = NUMBER_FORMATS.filter(
    (f) => f.decimal === (decimal ?? f.decimal) && f.thousands === (thousands ?? f.thousands),
  );
  return { format: mostParsed(cells, allowed)[0] ?? DEFAULT_NUMBER_FORMAT };
}

/**
 * Infers delimiter and number format together from the first 64 KiB (and the number format from
 * `later` samples of the file too, whole lines): `1,5;2,25` gives `;` and a decimal comma. Honours Excel's `sep=X` first line. Forced values are kept as given; a forced
 * decimal separator alone gets the thousands separator that suits the sample, and the other way
 * round (`--thousands .` implies the decimal comma).
 */
export function sniffDialect(
  text: string,
  forced: {
    delimiter?: Delimiter;
    decimal?: NumberFormat['decimal'];
    thousands?: NumberFormat['thousands'];
    headerRow?: number;
  } = {},
  later: readonly string[] = [],
): Dialect {
  const sepLine = /^sep=([,;\t|])(\r\n|\n|\r)/.exec(text.slice(0, 8));
  const hasSepLine = sepLine !== null;
  const body = hasSepLine ? text.slice(sepLine[0].length) : text;
  const delimiter =
    forced.delimiter ?? (sepLine?.[1] as Delimiter | undefined) ?? pickDelimiter(body, (forced.headerRow ?? 1) === 1);
  // Every row of the head (not only the 200 the delimiter is scored on): a format may show late.
  // Only cells with a separator can tell the formats apart; the others parse alike under all.
  const cells = [
    ...splitSample(body, delimiter, Infinity).slice(1).flat(),
    ...later.flatMap((text) => splitSample(text, delimiter, Infinity).flat()), // each of them is short
  ].filter((cell) => /[.,\s]/.test(cell));
  const { format, ambiguous } = numberFormatFor(cells, delimiter, forced);
  return {
    delimiter,
    newline: detectNewline(body),
    format,
    hasSepLine,
    sepLineLength: sepLine?.[0].length ?? 0,
    ...(ambiguous === undefined ? {} : { ambiguous }),
  };
}

/**
 * Length of the line break at `p` in `bytes`: 2 for CRLF, 1 for LF or a lone CR, 0 for none. Rows
 * end at any of them, mixed in one file too (as pandas reads), outside quotes.
 */
export function lineBreakAt(bytes: Uint8Array, p: number): number {
  const c = bytes[p];
  if (c === 10) return 1;
  if (c !== 13) return 0;
  return bytes[p + 1] === 10 ? 2 : 1;
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

/* The best-scoring delimiter; for a single column (none scores), one that does not occur in the sample. */
function pickDelimiter(text: string, headerFirst: boolean): Delimiter {
  let best: Candidate = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const score = scoreDelimiter(text, delimiter, headerFirst);
    if (score > best.score) best = { delimiter, score };
  }
  if (best.score > 0) return best.delimiter;
  const sample = text.slice(0, SAMPLE_CHARS);
  return DELIMITERS.find((d) => !sample.includes(d)) ?? ',';
}
