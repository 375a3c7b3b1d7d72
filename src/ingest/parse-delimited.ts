import Papa from 'papaparse';
import { CancelledError } from '../core/cancel.ts';
import type { JobHooks } from '../core/job.ts';
import { parseNumber, trimSpaces } from '../core/number-format.ts';
import {
  assertFieldLength,
  DelimitedTableBuilder,
  type DelimitedLimits,
  type ParsedTable,
  type RowCells,
} from './delimited-table.ts';
import type { Dialect } from './sniff.ts';

const CHUNK_CHARS = 1024 * 1024;

/* A papaparse row seen through RowCells; one instance is reused for every row. */
class StringRowCells implements RowCells {
  fields: readonly string[] = [];
  constructor(
    private readonly dialect: Dialect,
    private readonly missingTokens: ReadonlySet<string>,
  ) {}
  get length(): number {
    return this.fields.length;
  }
  text(index: number): string {
    return this.fields[index] ?? '';
  }
  number(index: number): number {
    return parseNumber(this.text(index), this.dialect.format);
  }
  isMissing(index: number): boolean {
    const cell = this.text(index);
    if (this.missingTokens.has(cell)) return true;
    const n = cell.length;
    if (n > 0 && (cell.charCodeAt(0) === 32 || cell.charCodeAt(n - 1) === 32)) {
      return this.missingTokens.has(trimSpaces(cell));
    }
    return false;
  }
  isBlankLine(): boolean {
    return this.fields.length === 1 && this.fields[0] === '';
  }
}

/** Strips an Excel `sep=` line and one final line break (it ends the last row, it opens no blank one). */
export function delimitedBody(text: string, dialect: Dialect): string {
  const start = dialect.sepLineLength;
  const end = text.endsWith(dialect.newline) ? text.length - dialect.newline.length : text.length;
  return text.slice(start, Math.max(start, end));
}

/**
 * Parses delimited text (RFC 4180 quoting, the dialect's line break) with papaparse in 1 MiB
 * chunks into a columnar table. This is the general path (UTF-16 input, unusual quoting) and the
 * oracle of the bytes-level fast path. Progress is in characters.
 */
export async function parseDelimited(
  text: string,
  dialect: Dialect,
  limits: DelimitedLimits,
  hooks: JobHooks = {},
): Promise<ParsedTable> {
  const builder = new DelimitedTableBuilder(limits);
  const row = new StringRowCells(dialect, limits.missingTokens);
  const body = delimitedBody(text, dialect);
  await runPapa(body, dialect, hooks, (rows, errors) => {
    for (const error of errors) {
      const at = builder.rows + 1;
      if (error.code === 'MissingQuotes') builder.unclosed.add(at);
      else if (error.type === 'Quotes') builder.badQuotes.add(at);
    }
    for (const fields of rows) {
      for (const field of fields) assertFieldLength(field.length, limits.maxFieldChars, builder.rows + 1);
      row.fields = fields;
      builder.addRow(row);
    }
  });
  return builder.finish();
}

function runPapa(
  body: string,
  dialect: Dialect,
  hooks: JobHooks,
  onRows: (rows: string[][], errors: Papa.ParseError[]) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(body, {
      delimiter: dialect.delimiter,
      newline: dialect.newline,
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
