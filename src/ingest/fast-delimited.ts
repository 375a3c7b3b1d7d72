/*
 * The bytes-level fast path for delimited files in ASCII-compatible encodings (UTF-8 and
 * Windows-1252): fields are found as byte spans and numbers parsed from bytes, so numeric cells
 * cost no string, no regex and no row object. Anything unusual (a quote that is never closed, text
 * after a closing quote) returns `undefined` and the caller re-parses with papaparse, the oracle.
 * These are the steps (header, sample, rows, finish); parseDelimitedBytes in split-delimited.ts
 * runs them, on one thread or two.
 */
import { throwIfCancelled } from '../core/cancel.ts';
import type { JobHooks } from '../core/job.ts';
import { ByteRowCells, ByteSpanReader, type ByteEncoding } from './byte-cells.ts';
import type { ColumnBuilder } from '../core/column-builder.ts';
import { ByteRowParser } from './byte-rows.ts';
import { assertFieldLength, DelimitedTableBuilder, type DelimitedLimits, type ParsedTable } from './delimited-table.ts';
import { lineBreakAt, type Dialect } from './sniff.ts';

const QUOTE = 34;
const CR = 13;
const LF = 10;
/** Bytes between progress reports, cancel checks and yields. */
const CHECKPOINT_BYTES = 2 * 1024 * 1024;
/** Data bytes read before the row count is estimated and the columns sized for it. */
const SAMPLE_BYTES = 256 * 1024;
/** Head-room on the estimate: unused capacity is never touched, so it costs address space only. */
const ESTIMATE_SLACK = 1.15;
/** Returned by the row scanner when papaparse must take over. */
const FALLBACK = -1;

export interface Scanner {
  readonly bytes: Uint8Array;
  readonly end: number;
  readonly delimiter: number;
  readonly dialect: Dialect;
  readonly maxField: number;
  readonly row: ByteRowCells;
  /** 1-based data row being read, for messages. */
  rowNumber: number;
  /** True when the last row read ended with a line break (so an empty last line follows it). */
  endedOnNewline: boolean;
}

/* A quoted field opening at `pos`: returns the position after it, or FALLBACK. */
function scanQuoted(s: Scanner, pos: number): number {
  const contentStart = pos + 1;
  let p = contentStart;
  let hasEscapes = false;
  for (;;) {
    const q = s.bytes.indexOf(QUOTE, p);
    if (q < 0 || q >= s.end) {
      assertFieldLength(s.end - contentStart, s.maxField, s.rowNumber);
      return FALLBACK; // never closed: papaparse reports it
    }
    if (q + 1 < s.end && s.bytes[q + 1] === QUOTE) {
      hasEscapes = true;
      p = q + 2;
      continue;
    }
    assertFieldLength(q - contentStart, s.maxField, s.rowNumber);
    s.row.push(contentStart, q, hasEscapes);
    return q + 1;
  }
}

/* An unquoted field opening at `pos`: returns the position of the byte that ends it. */
function scanPlain(s: Scanner, pos: number): number {
  let p = pos;
  const { bytes, end, delimiter } = s;
  while (p < end) {
    const c = bytes[p];
    if (c === delimiter || c === LF || c === CR) break;
    p++;
  }
  assertFieldLength(p - pos, s.maxField, s.rowNumber);
  s.row.push(pos, p, false);
  return p;
}

/* Reads one row starting at `pos` into s.row; returns the start of the next row or FALLBACK. */
function scanRow(s: Scanner, pos: number): number {
  s.row.reset();
  let p = pos;
  for (;;) {
    p = p < s.end && s.bytes[p] === QUOTE ? scanQuoted(s, p) : scanPlain(s, p);
    if (p === FALLBACK) return FALLBACK;
    s.endedOnNewline = false;
    if (p >= s.end) return s.end;
    if (s.bytes[p] === s.delimiter) {
      p++;
      if (p === s.end) {
        s.row.push(p, p, false); // a trailing delimiter ends with an empty field
        return s.end;
      }
      continue;
    }
    const nl = lineBreakAt(s.bytes, p);
    s.endedOnNewline = nl > 0;
    return nl > 0 ? p + nl : FALLBACK; // text after a closing quote
  }
}

/* Where the last row ends: before one final line break (CRLF, LF or CR), which opens no blank line. */
function bodyEnd(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n >= 2 && bytes[n - 2] === CR && bytes[n - 1] === LF) return n - 2;
  return n >= 1 && (bytes[n - 1] === LF || bytes[n - 1] === CR) ? n - 1 : n;
}

/** A file being read: its scanner, the table builder that owns header and warnings, its cell reader. */
export interface ByteBody {
  readonly scanner: Scanner;
  readonly builder: DelimitedTableBuilder;
  readonly reader: ByteSpanReader;
  readonly hooks: JobHooks;
}

/* Header phase: rows through DelimitedTableBuilder until it has its header; returns the position or FALLBACK. */
function readHeader(body: ByteBody, pos: number): number {
  const { scanner, builder } = body;
  let p = pos;
  while (p < scanner.end && !builder.hasHeader) {
    scanner.rowNumber = builder.rows + 1;
    p = scanRow(scanner, p);
    if (p === FALLBACK) return FALLBACK;
    builder.addRow(scanner.row);
  }
  return p;
}

/**
 * Opens a file for the bytes path and reads its header rows. Returns the body and the position of
 * the first data row (the body's end when there is none), or undefined when papaparse must take over.
 */
export function openByteBody(
  bytes: Uint8Array,
  encoding: ByteEncoding,
  dialect: Dialect,
  limits: DelimitedLimits,
  hooks: JobHooks,
): { body: ByteBody; pos: number } | undefined {
  const reader = new ByteSpanReader(bytes, encoding, dialect.format, limits.missingTokens);
  const scanner: Scanner = {
    bytes,
    end: Math.max(dialect.sepLineLength, bodyEnd(bytes)),
    delimiter: dialect.delimiter.charCodeAt(0),
    dialect,
    maxField: limits.maxFieldChars,
    row: new ByteRowCells(reader),
    rowNumber: 1,
    endedOnNewline: false,
  };
  const body: ByteBody = { scanner, builder: new DelimitedTableBuilder(limits), reader, hooks };
  const pos = readHeader(body, dialect.sepLineLength);
  return pos === FALLBACK ? undefined : { body, pos };
}

/** A row parser over the body's data rows, filling the builder's columns. */
export function dataRowParser(body: ByteBody): ByteRowParser {
  const { scanner, builder } = body;
  return new ByteRowParser(scanner, body.reader, builder.columns, builder, builder.rows);
}

/**
 * Reads the first data rows (about `sampleBytes`) and sizes `columns` for the rows the range
 * [from, end) will hold at that density. Returns the position reached, or FALLBACK.
 */
export function readSampleAndReserve(
  rows: ByteRowParser,
  columns: readonly ColumnBuilder[],
  from: number,
  end: number,
  sampleBytes = SAMPLE_BYTES,
): number {
  const rowsBefore = rows.rows;
  const pos = rows.parse(from, from + sampleBytes);
  if (pos !== FALLBACK && pos < end) {
    const estimate = Math.ceil(((rows.rows - rowsBefore) * (end - from) * ESTIMATE_SLACK) / (pos - from));
    for (const column of columns) column.reserve(estimate + 1024);
  }
  return pos;
}

/** Reads rows from `pos` up to the first row boundary at or after `until`, checkpointing. */
export async function readRowsUntil(body: ByteBody, rows: ByteRowParser, pos: number, until: number): Promise<number> {
  let p = pos;
  while (p !== FALLBACK && p < until) {
    p = rows.parse(p, Math.min(until, p + CHECKPOINT_BYTES));
    await checkpointBody(body, p);
  }
  return p;
}

async function checkpointBody(body: ByteBody, pos: number): Promise<void> {
  const { hooks } = body;
  hooks.onProgress?.({ stage: 'parse', done: pos, total: body.scanner.end });
  throwIfCancelled(hooks.cancel);
  if (hooks.yieldNow !== undefined) await hooks.yieldNow();
  throwIfCancelled(hooks.cancel);
}

/** Ends the table once every row is read: the empty last line, if any, and the final progress. */
export function finishByteBody(body: ByteBody, rows: ByteRowParser | undefined): ParsedTable {
  const { scanner, builder, hooks } = body;
  if (rows !== undefined) {
    builder.rows = rows.rows;
    scanner.endedOnNewline = rows.endedOnNewline;
  }
  if (scanner.endedOnNewline) {
    // The body ends with a line break (beyond the final one already dropped): an empty last line.
    scanner.row.reset();
    scanner.row.push(scanner.end, scanner.end, false);
    builder.addRow(scanner.row);
  }
  hooks.onProgress?.({ stage: 'parse', done: scanner.end, total: scanner.end });
  return builder.finish();
}
