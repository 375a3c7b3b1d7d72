import Papa from 'papaparse';
import { AnalysisError } from '../core/errors.ts';
import { CancelledError } from '../core/cancel.ts';
import { ColumnBuilder } from '../core/column-builder.ts';
import type { JobHooks } from '../core/job.ts';
import { parseNumber } from '../core/number-format.ts';
import type { Table } from '../core/table.ts';
import type { Warning } from '../core/warnings.ts';
import { makeUniqueHeaders } from './headers.ts';
import type { Dialect } from './sniff.ts';

export interface DelimitedLimits {
  readonly missingTokens: ReadonlySet<string>;
  readonly maxColumns: number;
  /** 1-based header row among non-blank rows. */
  readonly headerRow: number;
}

export interface ParsedTable {
  readonly table: Table;
  readonly warnings: Warning[];
  readonly rowsSkipped: number;
}

const CHUNK_CHARS = 1024 * 1024;
const MAX_EXAMPLES = 5;

/* Collects counts and the first few row numbers of each kind of quirk. */
class QuirkCounter {
  count = 0;
  readonly examples: number[] = [];
  add(row: number, n = 1): void {
    this.count += n;
    if (this.examples.length < MAX_EXAMPLES) this.examples.push(row);
  }
}

/* Turns parsed rows into columns; knows nothing about papaparse. */
class DelimitedTableBuilder {
  private builders: ColumnBuilder[] = [];
  private nonBlankRows = 0;
  rows = 0;
  readonly blank = new QuirkCounter();
  readonly beforeHeader = new QuirkCounter();
  readonly short = new QuirkCounter();
  readonly long = new QuirkCounter();
  renamed: string[] = [];

  constructor(
    private readonly dialect: Dialect,
    private readonly limits: DelimitedLimits,
  ) {}

  get hasHeader(): boolean {
    return this.builders.length > 0;
  }

  addRow(fields: readonly string[]): void {
    if (fields.length === 1 && fields[0] === '') {
      this.blank.add(this.rows + 1);
      return;
    }
    this.nonBlankRows++;
    if (!this.hasHeader) {
      if (this.nonBlankRows < this.limits.headerRow) this.beforeHeader.add(this.nonBlankRows);
      else this.setHeader(fields);
      return;
    }
    this.addDataRow(fields);
  }

  private setHeader(fields: readonly string[]): void {
    if (fields.length > this.limits.maxColumns) {
      throw new AnalysisError(
        'TOO_MANY_COLUMNS',
        `The file has ${fields.length} columns; at most ${this.limits.maxColumns} can be analysed.`,
        { columns: fields.length, limit: this.limits.maxColumns },
      );
    }
    const { names, renamed } = makeUniqueHeaders(fields);
    this.renamed = renamed;
    this.builders = names.map((name) => new ColumnBuilder(name));
  }

  private addDataRow(fields: readonly string[]): void {
    this.rows++;
    const width = this.builders.length;
    if (fields.length < width) this.short.add(this.rows);
    else if (fields.length > width) this.long.add(this.rows, fields.length - width);
    for (let c = 0; c < width; c++) {
      const builder = this.builders[c] as ColumnBuilder;
      const cell = fields[c];
      if (cell === undefined || this.isMissing(cell)) builder.pushMissing();
      else {
        const value = parseNumber(cell, this.dialect.format);
        if (Number.isNaN(value)) builder.pushText(cell);
        else builder.pushNumber(value);
      }
    }
  }

  private isMissing(cell: string): boolean {
    const tokens = this.limits.missingTokens;
    if (tokens.has(cell)) return true;
    const n = cell.length;
    if (n > 0 && (cell.charCodeAt(0) === 32 || cell.charCodeAt(n - 1) === 32)) return tokens.has(cell.trim());
    return false;
  }

  finish(): Table {
    return { rowCount: this.rows, columns: this.builders.map((b) => b.finish()) };
  }
}

/**
 * Parses delimited text (RFC 4180 quoting, CRLF/LF/CR) with papaparse in 1 MiB chunks into a
 * columnar table. The first non-blank row (or `headerRow`) names the columns. Blank lines are
 * skipped and counted; short rows are padded with missing cells, long rows cut; every quirk is
 * reported in `warnings` with counts and example row numbers. Progress is in characters.
 */
export async function parseDelimited(
  text: string,
  dialect: Dialect,
  limits: DelimitedLimits,
  hooks: JobHooks = {},
): Promise<ParsedTable> {
  const builder = new DelimitedTableBuilder(dialect, limits);
  const quoteErrors = new QuirkCounter();
  const unclosed = new QuirkCounter();
  await runPapa(text, dialect, hooks, (rows, errors) => {
    for (const error of errors) {
      const row = builder.rows + (error.row ?? 0);
      if (error.code === 'MissingQuotes') unclosed.add(row);
      else if (error.type === 'Quotes') quoteErrors.add(row);
    }
    for (const row of rows) builder.addRow(row);
  });
  if (!builder.hasHeader) throw new AnalysisError('EMPTY_FILE', 'The file holds no rows: not even a header.');
  const warnings = collectWarnings(builder, unclosed, quoteErrors);
  return {
    table: builder.finish(),
    warnings,
    rowsSkipped: builder.blank.count + builder.beforeHeader.count,
  };
}

function runPapa(
  text: string,
  dialect: Dialect,
  hooks: JobHooks,
  onRows: (rows: string[][], errors: Papa.ParseError[]) => void,
): Promise<void> {
  const start = dialect.hasSepLine ? text.search(/\r?\n|\r/) + 1 : 0;
  // One final line break ends the last row; it does not start a blank one.
  const end = text.endsWith('\r\n') ? text.length - 2 : /[\r\n]$/.test(text) ? text.length - 1 : text.length;
  const body = text.slice(start, Math.max(start, end));
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(body, {
      delimiter: dialect.delimiter,
      quoteChar: '"',
      escapeChar: '"',
      header: false,
      dynamicTyping: false,
      skipEmptyLines: false,
      chunkSize: CHUNK_CHARS,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        try {
          if (hooks.cancel?.aborted === true) throw new CancelledError();
          onRows(results.data, results.errors);
          hooks.onProgress?.({ stage: 'parse', done: results.meta.cursor, total: body.length });
        } catch (error) {
          // Reject first: abort() calls `complete` synchronously, which would resolve instead.
          reject(error instanceof Error ? error : new Error(String(error)));
          parser.abort();
          return;
        }
        if (hooks.yieldNow === undefined) return;
        parser.pause();
        void hooks.yieldNow().then(() => parser.resume());
      },
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    });
  });
}

function collectWarnings(builder: DelimitedTableBuilder, unclosed: QuirkCounter, quoteErrors: QuirkCounter): Warning[] {
  const warnings: Warning[] = [];
  const push = (code: Warning['code'], counter: QuirkCounter, message: string): void => {
    if (counter.count > 0) warnings.push({ code, message, count: counter.count, examples: counter.examples });
  };
  push('BLANK_LINES_SKIPPED', builder.blank, `${builder.blank.count} blank line(s) were skipped.`);
  push(
    'ROWS_BEFORE_HEADER_SKIPPED',
    builder.beforeHeader,
    `${builder.beforeHeader.count} row(s) above the header row were skipped.`,
  );
  push(
    'RAGGED_ROWS_PADDED',
    builder.short,
    `${builder.short.count} row(s) had too few fields: padded with missing cells.`,
  );
  push('RAGGED_ROWS_CUT', builder.long, `${builder.long.count} extra field(s) beyond the header's width were cut.`);
  push('UNCLOSED_QUOTE', unclosed, 'A quoted field is never closed: the rest of the file was read into it.');
  push('MALFORMED_QUOTES', quoteErrors, `${quoteErrors.count} field(s) have stray quotes.`);
  if (builder.renamed.length > 0) {
    warnings.push({
      code: 'HEADER_RENAMED',
      message: `${builder.renamed.length} header name(s) were empty or repeated and were made unique.`,
      count: builder.renamed.length,
      examples: builder.renamed.slice(0, MAX_EXAMPLES),
    });
  }
  return warnings;
}
