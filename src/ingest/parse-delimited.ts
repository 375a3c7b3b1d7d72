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
  const end = text.endsWith('\r\n') ? text.length - 2 : /[\r\n]$/.test(text) ? text.length - 1 : text.length;
  return text.slice(start, Math.max(start, end));
}

/*
 * Rows end at CRLF, LF or a lone CR alike (as in the bytes path, and as pandas reads), but
 * papaparse takes one line break. The text's own one is kept when it has only that one; a text
 * that mixes them gets LF for every line break outside quotes (a quoted field keeps its own).
 */
function oneLineBreak(body: string, delimiter: string): { text: string; newline: '\n' | '\r\n' | '\r' } {
  if (!body.includes('\r')) return { text: body, newline: '\n' };
  const hasLoneLf = /(?:^|[^\r])\n/.test(body);
  const hasLoneCr = /\r(?!\n)/.test(body);
  if (!hasLoneLf && !hasLoneCr) return { text: body, newline: '\r\n' };
  if (!body.includes('\n')) return { text: body, newline: '\r' };
  const out: string[] = [];
  let from = 0;
  let inQuotes = false;
  let atFieldStart = true;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (body.charCodeAt(i + 1) === 34) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === 34 && atFieldStart) inQuotes = true;
    else if (c === 13) {
      out.push(body.slice(from, i), '\n');
      if (body.charCodeAt(i + 1) === 10) i++;
      from = i + 1;
    }
    atFieldStart = c === 13 || c === 10 || body[i] === delimiter;
  }
  out.push(body.slice(from));
  return { text: out.join(''), newline: '\n' };
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
  const { text: body, newline } = oneLineBreak(delimitedBody(text, dialect), dialect.delimiter);
  await runPapa(body, { ...dialect, newline }, hooks, (rows, errors) => {
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
  const parsed = builder.finish();
  // Text after numbers: read again with those columns text from the start, so that 1.10 stays "1.10".
  const textColumns = parsed.textAfterNumbers;
  return textColumns === undefined ? parsed : parseDelimited(text, dialect, { ...limits, textColumns }, hooks);
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
