/*
 * Rows of cells → columnar table, shared by both delimited parsers (papaparse on text, and the
 * bytes-level fast path). It owns header choice, blank lines, ragged rows, limits and warnings, so
 * both parsers produce identical tables and identical warnings by construction.
 */
import { AnalysisError, spanishNumber } from '../core/errors.ts';
import { ColumnBuilder } from '../core/column-builder.ts';
import type { Table } from '../core/table.ts';
import type { Warning } from '../core/warnings.ts';
import { makeUniqueHeaders } from './headers.ts';

export interface DelimitedLimits {
  readonly missingTokens: ReadonlySet<string>;
  readonly maxColumns: number;
  /** Longest cell accepted, in characters (bytes on the fast path); longer means a broken quote. */
  readonly maxFieldChars: number;
  /** 1-based header row among non-blank rows. */
  readonly headerRow: number;
  /**
   * Columns read as text from their first cell, so that their numbers keep their own text: set for
   * a second read of a file where text came after numbers in these columns (see textAfterNumbers).
   */
  readonly textColumns?: readonly boolean[];
}

export interface ParsedTable {
  readonly table: Table;
  readonly warnings: Warning[];
  readonly rowsSkipped: number;
  /** Threads that read the rows (2 when the split path merged a second thread's half). */
  readonly threads?: 1 | 2;
  /**
   * Per column, when some column met text after numbers: its earlier numbers were kept as
   * String(value) (1.10 as "1.1"), so the file must be read again with these as textColumns.
   */
  readonly textAfterNumbers?: readonly boolean[];
}

/**
 * One row as the parser sees it. Implementations are reused from row to row (no per-row objects).
 * `number(i)` returns NaN when the cell is not a number in the file's format.
 */
export interface RowCells {
  readonly length: number;
  text(index: number): string;
  number(index: number): number;
  isMissing(index: number): boolean;
  /** True for a row that is one empty, unquoted field: a blank line. */
  isBlankLine(): boolean;
}

const MAX_EXAMPLES = 5;

/** Counts a kind of quirk and keeps the first few row numbers. */
export class QuirkCounter {
  count = 0;
  readonly examples: number[] = [];
  add(row: number, n = 1): void {
    this.count += n;
    // A row counted twice (two stray quotes, blank lines after one data row) is one example.
    if (this.examples.length < MAX_EXAMPLES && this.examples.at(-1) !== row) this.examples.push(row);
  }
}

/** Throws FIELD_TOO_LONG for a cell over the limit, naming the data row it starts in. */
export function assertFieldLength(length: number, limit: number, row: number): void {
  if (length <= limit) return;
  throw new AnalysisError(
    'FIELD_TOO_LONG',
    {
      en: `A cell in data row ${row} is ${length.toLocaleString('en')} characters long (limit ${limit.toLocaleString('en')}): usually a quote that is never closed.`,
      es: `Una celda de la fila de datos ${row} tiene ${spanishNumber(length)} caracteres (límite ${spanishNumber(limit)}): suele ser una comilla que no se cierra.`,
    },
    { row, length, limit },
  );
}

export class DelimitedTableBuilder {
  private builders: ColumnBuilder[] = [];
  private nonBlankRows = 0;
  rows = 0;
  readonly blank = new QuirkCounter();
  readonly beforeHeader = new QuirkCounter();
  readonly short = new QuirkCounter();
  readonly long = new QuirkCounter();
  readonly unclosed = new QuirkCounter();
  readonly badQuotes = new QuirkCounter();
  private renamed: string[] = [];

  constructor(private readonly limits: DelimitedLimits) {}

  get hasHeader(): boolean {
    return this.builders.length > 0;
  }

  /** The column builders, once the header is read: a bytes-level parser fills them directly. */
  get columns(): readonly ColumnBuilder[] {
    return this.builders;
  }

  addRow(cells: RowCells): void {
    if (cells.isBlankLine()) {
      this.blank.add(this.rows + 1);
      return;
    }
    this.nonBlankRows++;
    if (this.hasHeader) this.addDataRow(cells);
    else if (this.nonBlankRows < this.limits.headerRow) this.beforeHeader.add(this.nonBlankRows);
    else this.setHeader(cells);
  }

  private setHeader(cells: RowCells): void {
    if (cells.length > this.limits.maxColumns) {
      throw new AnalysisError(
        'TOO_MANY_COLUMNS',
        {
          en: `The file has ${cells.length} columns; at most ${this.limits.maxColumns} can be analysed.`,
          es: `El archivo tiene ${spanishNumber(cells.length)} columnas; se pueden analizar como máximo ${spanishNumber(this.limits.maxColumns)}.`,
        },
        { columns: cells.length, limit: this.limits.maxColumns },
      );
    }
    const raw = Array.from({ length: cells.length }, (_, i) => cells.text(i));
    const { names, renamed } = makeUniqueHeaders(raw);
    this.renamed = renamed;
    this.builders = names.map((name) => new ColumnBuilder(name));
    this.limits.textColumns?.forEach((isText, i) => isText && this.builders[i]?.startAsText());
  }

  private addDataRow(cells: RowCells): void {
    this.rows++;
    const width = this.builders.length;
    if (cells.length < width) this.short.add(this.rows);
    else if (cells.length > width) this.long.add(this.rows, cells.length - width);
    for (let c = 0; c < width; c++) {
      const builder = this.builders[c] as ColumnBuilder;
      if (c >= cells.length || cells.isMissing(c)) {
        builder.pushMissing();
        continue;
      }
      const value = cells.number(c);
      if (Number.isNaN(value)) builder.pushText(cells.text(c));
      else if (builder.isText) builder.pushNumericText(cells.text(c));
      else builder.pushNumber(value);
    }
  }

  finish(): ParsedTable {
    if (!this.hasHeader && this.nonBlankRows > 0) {
      const [header, rows] = [this.limits.headerRow, this.nonBlankRows];
      const message = {
        en: `The header row ${header} is beyond the file's ${rows} non-blank row(s).`,
        es: `La fila de cabecera ${header} está más allá de las ${spanishNumber(rows)} fila(s) no vacías del archivo.`,
      };
      throw new AnalysisError('INVALID_OPTION', message, { headerRow: header, rows });
    }
    if (!this.hasHeader)
      throw new AnalysisError('EMPTY_FILE', {
        en: 'The file holds no rows: not even a header.',
        es: 'El archivo no tiene filas: ni siquiera una cabecera.',
      });
    const converted = this.builders.map((b) => b.hasConvertedNumbers);
    return {
      table: { rowCount: this.rows, columns: this.builders.map((b) => b.finish()) },
      warnings: this.warnings(),
      rowsSkipped: this.blank.count + this.beforeHeader.count,
      ...(converted.includes(true) ? { textAfterNumbers: converted } : {}),
    };
  }

  private warnings(): Warning[] {
    const warnings: Warning[] = [];
    const push = (code: Warning['code'], counter: QuirkCounter, message: string): void => {
      if (counter.count > 0) warnings.push({ code, message, count: counter.count, examples: counter.examples });
    };
    push('BLANK_LINES_SKIPPED', this.blank, `${this.blank.count} blank line(s) were skipped.`);
    push(
      'ROWS_BEFORE_HEADER_SKIPPED',
      this.beforeHeader,
      `${this.beforeHeader.count} row(s) above the header row were skipped.`,
    );
    push('RAGGED_ROWS_PADDED', this.short, `${this.short.count} row(s) had too few fields: padded with missing cells.`);
    push('RAGGED_ROWS_CUT', this.long, `${this.long.count} extra field(s) beyond the header's width were cut.`);
    push('UNCLOSED_QUOTE', this.unclosed, 'A quoted field is never closed: the rest of the file was read into it.');
    push('MALFORMED_QUOTES', this.badQuotes, `${this.badQuotes.count} field(s) have stray quotes.`);
    if (this.renamed.length > 0) {
      warnings.push({
        code: 'HEADER_RENAMED',
        message: `${this.renamed.length} header name(s) were empty or repeated and were made unique.`,
        count: this.renamed.length,
        examples: this.renamed.slice(0, MAX_EXAMPLES),
      });
    }
    return warnings;
  }
}
