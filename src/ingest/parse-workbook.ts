import type { CellObject, WorkBook, WorkSheet } from 'xlsx';
import { AnalysisError, spanishNumber } from '../core/errors.ts';
import { trimSpaces } from '../core/number-format.ts';
import { ColumnBuilder, type CellValue } from '../core/column-builder.ts';
import { throwIfCancelled } from '../core/cancel.ts';
import type { JobHooks } from '../core/job.ts';
import type { SheetInfo } from '../core/file-facts.ts';
import type { Warning } from '../core/warnings.ts';
import { excelSerialToEpochMs } from './excel-dates.ts';
import { makeUniqueHeaders } from './headers.ts';
import { ENCRYPTED } from './zip-guard.ts';
import type { ParsedTable } from './delimited-table.ts';

export interface WorkbookLimits {
  readonly missingTokens: ReadonlySet<string>;
  readonly maxColumns: number;
  readonly sheet?: string;
  readonly headerRow?: number;
}

export interface ParsedWorkbook extends ParsedTable {
  readonly sheet: string;
  readonly sheets: readonly SheetInfo[];
  /** 1-based sheet row of the header. */
  readonly headerRow: number;
}

type Row = readonly (CellObject | undefined)[];
/** How many leading non-empty rows are searched for a header below title rows. */
const HEADER_SEARCH_ROWS = 20;

async function readWorkbook(bytes: Uint8Array): Promise<{ workbook: WorkBook; isDate: (fmt: string) => boolean }> {
  const XLSX = await import('xlsx');
  const ssf = XLSX.SSF as { is_date: (fmt: string) => boolean };
  try {
    // Values and number formats only: no formatted text per cell (cellText), which this code never reads.
    const workbook = XLSX.read(bytes, {
      type: 'array',
      dense: true,
      cellDates: false,
      cellNF: true,
      cellHTML: false,
      cellText: false,
    });
    return { workbook, isDate: (fmt) => ssf.is_date(fmt) };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(text)) {
      throw new AnalysisError('UNSUPPORTED_FORMAT', ENCRYPTED, { detected: 'encrypted' });
    }
    const message = {
      en: 'The workbook could not be read: it looks damaged or truncated.',
      es: 'No se pudo leer el libro: parece dañado o incompleto.',
    };
    throw new AnalysisError('CORRUPT_FILE', message, { cause: text });
  }
}

function rowsOf(sheet: WorkSheet | undefined): Row[] {
  const data = (sheet as { '!data'?: (Row | undefined)[] } | undefined)?.['!data'] ?? [];
  let last = data.length - 1;
  while (last >= 0 && !hasContent(data[last])) last--;
  // Dense sheets are sparse arrays: empty rows are holes.
  return Array.from(data.slice(0, last + 1), (row) => row ?? []);
}

function hasContent(row: Row | undefined): boolean {
  return row !== undefined && row.some((cell) => cell !== undefined && cell.t !== 'z' && cell.v !== undefined);
}

function filledCount(row: Row | undefined): number {
  return row === undefined ? 0 : row.filter((cell) => cell !== undefined && cell.t !== 'z' && cell.v !== '').length;
}

function widthOf(rows: readonly Row[]): number {
  let width = 0;
  for (const row of rows) {
    for (let c = row.length - 1; c >= width; c--) {
      const cell = row[c];
      if (cell !== undefined && cell.t !== 'z') {
        width = c + 1;
        break;
      }
    }
  }
  return width;
}

function pickSheet(workbook: WorkBook, requested: string | undefined): string {
  const names = workbook.SheetNames;
  if (requested !== undefined) {
    const index = /^\d+$/.test(requested) ? Number(requested) - 1 : -1;
    const name = names.includes(requested) ? requested : names[index];
    if (name === undefined) {
      const message = {
        en: `There is no sheet "${requested}". Sheets: ${names.join(', ')}.`,
        es: `No hay ninguna hoja «${requested}». Hojas: ${names.join(', ')}.`,
      };
      throw new AnalysisError('INVALID_OPTION', message, { sheet: requested });
    }
    return name;
  }
  // The first visible sheet with data (a hidden one only when no visible sheet has any).
  const hidden = (index: number): boolean => (workbook.Workbook?.Sheets?.[index]?.Hidden ?? 0) !== 0;
  const withData = names.flatMap((name, index) => (rowsOf(workbook.Sheets[name]).length > 0 ? [index] : []));
  const firstIndex = withData.find((index) => !hidden(index)) ?? withData[0];
  const first = firstIndex === undefined ? undefined : names[firstIndex];
  if (first === undefined) {
    const message = { en: 'Every sheet of this workbook is empty.', es: 'Todas las hojas de este libro están vacías.' };
    throw new AnalysisError('EMPTY_FILE', message);
  }
  return first;
}

/*
 * The header is the first row, among the first non-empty ones, that fills at least half the width,
 * holds only text and is at least as wide as the rows below it typically are; failing that, the
 * first row that fills at least half the width.
 */
function findHeaderRow(rows: readonly Row[], forced: number | undefined): number {
  const nonEmpty = rows.flatMap((row, index) => (hasContent(row) ? [index] : []));
  if (forced !== undefined) {
    if (forced > rows.length) {
      const message = {
        en: `The header row ${forced} is beyond the sheet's last row (${rows.length}).`,
        es: `La fila de cabecera ${forced} está más allá de la última fila de la hoja (${rows.length}).`,
      };
      throw new AnalysisError('INVALID_OPTION', message, { headerRow: forced, rows: rows.length });
    }
    return forced - 1; // a sheet row number, as reported
  }
  const head = nonEmpty.slice(0, HEADER_SEARCH_ROWS);
  const filled = head.map((r) => filledCount(rows[r]));
  const widest = Math.max(0, ...filled);
  const wideEnough = (i: number): boolean => (filled[i] as number) >= Math.ceil(widest / 2);
  // A title block's first line can be half as wide as the table ("Empresa S.A." … "Fecha: …"):
  // the header is at least as wide as the rows that typically follow it.
  const fitsBelow = (i: number): boolean => {
    const below = nonEmpty.slice(i + 1, i + 1 + HEADER_SEARCH_ROWS).map((r) => filledCount(rows[r]));
    return below.length === 0 || (filled[i] as number) >= (median(below) as number);
  };
  const isText = (i: number): boolean =>
    (rows[head[i] as number] ?? []).every((cell) => cell === undefined || cell.t === 's' || cell.t === 'z');
  const index = filled.findIndex((_, i) => wideEnough(i) && fitsBelow(i) && isText(i));
  return head[index] ?? head.find((_, i) => wideEnough(i)) ?? 0;
}

function median(values: readonly number[]): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

interface CellReader {
  readonly missingTokens: ReadonlySet<string>;
  readonly isDate: (fmt: string) => boolean;
  readonly is1904: boolean;
  errorCells: number;
  /** Formula cells saved without their result (never computed by a spreadsheet program). */
  uncomputed: number;
}

/* A format's codes without its quoted literals and bracketed parts ("h:mm" of "[$-409]h:mm \"h\""). */
function stripQuoted(format: string): string {
  return format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
}

/*
 * A time-of-day cell (format with hours, minutes or seconds but no day, month or year, and a value
 * within one day): it was shown as a date on 1899-12-31. It reads as its time, "08:30" or "08:30:15".
 */
function isTimeOfDay(format: string, value: number): boolean {
  const codes = stripQuoted(format).toLowerCase();
  return value >= 0 && value < 1 && /[hs]/.test(codes) && !/[dy]/.test(codes) && !/m{3,}/.test(codes);
}

function timeText(value: number, withSeconds: boolean): string {
  const seconds = Math.round(value * 86_400) % 86_400;
  const two = (n: number): string => String(n).padStart(2, '0');
  const hm = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}`;
  return withSeconds ? `${hm}:${two(seconds % 60)}` : hm;
}

function readCell(cell: CellObject | undefined, reader: CellReader): CellValue {
  if (cell !== undefined && cell.v === undefined && typeof cell.f === 'string') reader.uncomputed++;
  if (cell === undefined || cell.v === undefined || cell.t === 'z') return null;
  switch (cell.t) {
    case 'n': {
      const value = cell.v as number;
      const format = typeof cell.z === 'string' ? cell.z : '';
      if (format === '' || !reader.isDate(format)) return value;
      if (isTimeOfDay(format, value)) return timeText(value, /s/i.test(stripQuoted(format)));
      return new Date(excelSerialToEpochMs(value, reader.is1904));
    }
    case 'b':
      return cell.v;
    case 'e':
      reader.errorCells++;
      return null;
    case 'd':
      return cell.v instanceof Date ? cell.v : new Date(String(cell.v));
    default: {
      const text = String(cell.v);
      return reader.missingTokens.has(trimSpaces(text)) ? null : text;
    }
  }
}

/**
 * Reads a workbook (XLSX or BIFF8 XLS) with SheetJS, loaded on demand. Lists every sheet with its
 * real size (the declared dimension is ignored), picks the requested or the first non-empty sheet,
 * finds the header row below title rows, and turns date-formatted numbers into UTC dates (1900 and
 * 1904 systems). Formulas are never evaluated: cached values are used. Error cells are missing.
 */
export async function parseWorkbook(
  bytes: Uint8Array,
  limits: WorkbookLimits,
  hooks: JobHooks = {},
): Promise<ParsedWorkbook> {
  const { workbook, isDate } = await readWorkbook(bytes);
  throwIfCancelled(hooks.cancel);
  const sheets = workbook.SheetNames.map((name) => {
    const rows = rowsOf(workbook.Sheets[name]);
    return { name, rows: rows.length, columns: widthOf(rows) };
  });
  const sheet = pickSheet(workbook, limits.sheet);
  const worksheet = workbook.Sheets[sheet];
  const rows = rowsOf(worksheet);
  if (!rows.some(hasContent)) {
    const message = { en: `The sheet "${sheet}" is empty.`, es: `La hoja «${sheet}» está vacía.` };
    throw new AnalysisError('EMPTY_FILE', message, { sheet });
  }
  const width = widthOf(rows);
  if (width > limits.maxColumns) {
    throw new AnalysisError(
      'TOO_MANY_COLUMNS',
      {
        en: `The sheet has ${width} columns; at most ${limits.maxColumns} can be analysed.`,
        es: `La hoja tiene ${spanishNumber(width)} columnas; se pueden analizar como máximo ${spanishNumber(limits.maxColumns)}.`,
      },
      {
        columns: width,
        limit: limits.maxColumns,
      },
    );
  }
  const headerIndex = findHeaderRow(rows, limits.headerRow);
  const reader: CellReader = {
    missingTokens: limits.missingTokens,
    isDate,
    is1904: workbook.Workbook?.WBProps?.date1904 === true,
    errorCells: 0,
    uncomputed: 0,
  };
  const headerCells = Array.from({ length: width }, (_, c) => readCell(rows[headerIndex]?.[c], reader));
  const { names, renamed } = makeUniqueHeaders(headerCells.map((v) => (v === null ? '' : cellText(v))));
  const builders = names.map((name) => new ColumnBuilder(name));
  let blank = 0;
  let rowCount = 0;
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r];
    if (!hasContent(row)) {
      blank++;
      continue;
    }
    rowCount++;
    builders.forEach((builder, c) => builder.pushValue(readCell(row?.[c], reader)));
    if ((r & 4095) === 0) {
      throwIfCancelled(hooks.cancel);
      hooks.onProgress?.({ stage: 'parse', done: r, total: rows.length });
    }
  }
  const merges = (worksheet as { '!merges'?: unknown[] } | undefined)?.['!merges']?.length ?? 0;
  const warnings = workbookWarnings({
    headerIndex,
    blank,
    merges,
    renamed,
    errorCells: reader.errorCells,
    uncomputed: reader.uncomputed,
    sheet,
  });
  const table = { rowCount, columns: builders.map((b) => b.finish()) };
  return { table, warnings, rowsSkipped: blank + headerIndex, sheet, sheets, headerRow: headerIndex + 1 };
}

function cellText(value: Exclude<CellValue, null>): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

function workbookWarnings(facts: {
  headerIndex: number;
  blank: number;
  merges: number;
  renamed: string[];
  errorCells: number;
  uncomputed: number;
  sheet: string;
}): Warning[] {
  const warnings: Warning[] = [];
  if (facts.headerIndex > 0) {
    warnings.push({
      code: 'ROWS_BEFORE_HEADER_SKIPPED',
      message: `The header is on row ${facts.headerIndex + 1} of sheet "${facts.sheet}": ${facts.headerIndex} row(s) above it were skipped.`,
      count: facts.headerIndex,
    });
  }
  if (facts.blank > 0) {
    warnings.push({
      code: 'BLANK_LINES_SKIPPED',
      message: `${facts.blank} empty row(s) were skipped.`,
      count: facts.blank,
    });
  }
  if (facts.merges > 0) {
    warnings.push({
      code: 'MERGED_CELLS',
      message: `The sheet has ${facts.merges} merged range(s): only their top-left cell holds a value.`,
      count: facts.merges,
    });
  }
  if (facts.errorCells > 0) {
    warnings.push({
      code: 'EXCEL_ERROR_CELLS',
      message: `${facts.errorCells} cell(s) hold Excel errors (#DIV/0!, #REF!…) and count as missing.`,
      count: facts.errorCells,
    });
  }
  if (facts.uncomputed > 0) {
    warnings.push({
      code: 'FORMULAS_NOT_COMPUTED',
      message: `${facts.uncomputed} formula cell(s) were saved without their result and count as missing: open and save the file in Excel or LibreOffice to compute them.`,
      count: facts.uncomputed,
    });
  }
  if (facts.renamed.length > 0) {
    warnings.push({
      code: 'HEADER_RENAMED',
      message: `${facts.renamed.length} header name(s) were empty or repeated and were made unique.`,
      count: facts.renamed.length,
      examples: facts.renamed.slice(0, 5),
    });
  }
  return warnings;
}
