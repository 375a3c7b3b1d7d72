/*
 * The bytes path's entry, parseDelimitedBytes: one pass, or, given a runner, the file split in two
 * at a line break for two cores. The caller's thread reads the first half while the runner (a
 * worker, in the app) reads the second with parseRowRange; the halves are then merged into one
 * table. The split is used only when it is proven safe: the first half, read in order from the
 * file's start, must end exactly at the split point (so no quoted field spans it), the second half
 * must have read cleanly, and every column must merge to what one pass would have built. Otherwise
 * the first half just reads on, and the result is the same. Worker-free and DOM-free: the runner
 * is injected.
 */
import { ColumnBuilder } from '../core/column-builder.ts';
import type { CancelToken } from '../core/cancel.ts';
import type { JobHooks } from '../core/job.ts';
import type { Column } from '../core/table.ts';
import { ByteSpanReader, type ByteEncoding } from './byte-cells.ts';
import { ByteRowParser, FALLBACK } from './byte-rows.ts';
import { QuirkCounter, type DelimitedLimits, type ParsedTable } from './delimited-table.ts';
import {
  dataRowParser,
  finishByteBody,
  openByteBody,
  readRowsUntil,
  readSampleAndReserve,
  type ByteBody,
} from './fast-delimited.ts';
import type { Dialect } from './sniff.ts';

const CR = 13;
const LF = 10;
/** Below this many data bytes one thread is as fast (a worker's start-up is not free). */
export const MIN_SPLIT_BYTES = 8 * 1024 * 1024;
/** The other half is waited for at most this long, or twice the time this half took: then read here. */
const MIN_WAIT_MS = 2000;

/** What a runner needs to read the rows from `start` to the end (all structured-cloneable). */
export interface RangeRequest {
  /** The file without its BOM, as given to the bytes path (share it: a SharedArrayBuffer). */
  readonly bytes: Uint8Array;
  readonly encoding: ByteEncoding;
  readonly dialect: Dialect;
  readonly limits: DelimitedLimits;
  /** The header's column names. */
  readonly names: readonly string[];
  /** Columns already text in the rows before `start`: their numbers must keep their text. */
  readonly textColumns: readonly boolean[];
  /** A row start (believed: the merge checks it). */
  readonly start: number;
  /** End of the body (the file's final line break excluded). */
  readonly end: number;
}

interface QuirkPart {
  readonly count: number;
  readonly examples: readonly number[];
}

/** The rows from `start` to the end as columns; `ok` false when they need the one-pass reader. */
export interface RangePart {
  readonly ok: boolean;
  readonly columns: readonly Column[];
  readonly convertedNumbers: readonly boolean[];
  readonly rows: number;
  readonly blank: QuirkPart;
  readonly short: QuirkPart;
  readonly long: QuirkPart;
  readonly badQuotes: QuirkPart;
  readonly endedOnNewline: boolean;
}

/**
 * Reads a range on another thread. It may reject (the caller then reads the range itself) and
 * should stop early when `cancel` is set.
 */
export type RangeRunner = (request: RangeRequest, cancel?: CancelToken) => Promise<RangePart>;

/**
 * The request with its range copied into a buffer of its own (the rest of the file is not needed),
 * to transfer to a thread that cannot share memory with this one. O(range length).
 */
export function ownRange(request: RangeRequest): { request: RangeRequest; buffer: ArrayBuffer } {
  const bytes = request.bytes.slice(request.start); // bytes past `end` kept: the reader sees what one pass sees
  return { request: { ...request, bytes, start: 0, end: request.end - request.start }, buffer: bytes.buffer };
}

export interface SplitOptions {
  /** Files with fewer data bytes than this are read in one pass. */
  readonly minSplitBytes?: number;
  /** Data bytes read (and sized from) before the split; the split point lies after them. */
  readonly sampleBytes?: number;
  /** The runner's half is waited for at least this long after this half ends (default 2 s). */
  readonly minWaitMs?: number;
}

/**
 * Reads the data rows of [request.start, request.end) into columns, with row numbers (in
 * warnings) counted from the range's start. Never throws for bad data: a quote problem or an
 * over-long field gives `ok: false`. O(range length); memory: the range's columns.
 */
export function parseRowRange(request: RangeRequest): RangePart {
  const { bytes, encoding, dialect, limits, start, end } = request;
  const reader = new ByteSpanReader(bytes, encoding, dialect.format, limits.missingTokens);
  const columns = request.names.map((name) => new ColumnBuilder(name));
  columns.forEach((column, i) => request.textColumns[i] === true && column.startAsText());
  const quirks = {
    blank: new QuirkCounter(),
    short: new QuirkCounter(),
    long: new QuirkCounter(),
    badQuotes: new QuirkCounter(),
  };
  const range = { bytes, end, dialect, maxField: limits.maxFieldChars };
  const rows = new ByteRowParser(range, reader, columns, quirks, 0);
  let pos: number;
  try {
    pos = readSampleAndReserve(rows, columns, start, end);
    if (pos !== FALLBACK) pos = rows.parse(pos, end);
  } catch {
    pos = FALLBACK; // FIELD_TOO_LONG: the one-pass reader reports it with the file's row number
  }
  return {
    ok: pos !== FALLBACK,
    columns: pos === FALLBACK ? [] : columns.map((column) => column.finish()),
    convertedNumbers: columns.map((column) => column.hasConvertedNumbers),
    rows: rows.rows,
    ...quirks,
    endedOnNewline: rows.endedOnNewline,
  };
}

/** The buffers of a part's columns, to transfer rather than copy across threads. */
export function partBuffers(part: RangePart): ArrayBufferLike[] {
  return part.columns.map((c) => (c.kind === 'string' ? c.codes.buffer : c.values.buffer));
}

/*
 * Progress of the first half counted as if both halves ran at its pace (they run side by side),
 * so the bar moves evenly instead of stopping at the middle.
 */
function splitProgress(hooks: JobHooks, split: { start: number; at: number; end: number }): JobHooks {
  const { onProgress } = hooks;
  if (onProgress === undefined) return hooks;
  const scale = (split.end - split.start) / Math.max(1, split.at - split.start);
  return {
    ...hooks,
    onProgress: (event) => {
      const done = event.done >= split.at ? event.done : split.start + (event.done - split.start) * scale;
      onProgress({ ...event, done: Math.min(event.total, Math.round(done)) });
    },
  };
}

/**
 * The first row start after the middle of [from, end) by line breaks alone, or -1: after an LF (of
 * an LF or a CRLF), or after a CR in a file whose lines end with CR alone.
 */
export function middleLineStart(bytes: Uint8Array, from: number, end: number, newline: Dialect['newline']): number {
  const middle = from + Math.floor((end - from) / 2);
  const i = bytes.indexOf(newline === '\r' ? CR : LF, middle);
  return i < 0 || i + 1 >= end ? -1 : i + 1;
}

function mergeQuirks(into: QuirkCounter, part: QuirkPart, rowOffset: number): void {
  into.count += part.count;
  for (const row of part.examples) {
    // As QuirkCounter.add: a row already the last example (blank lines at the seam) is not repeated.
    if (into.examples.length < 5 && into.examples.at(-1) !== row + rowOffset) into.examples.push(row + rowOffset);
  }
}

/* Appends the part after the rows read so far, when every column can take it; false otherwise. */
function mergePart(body: ByteBody, rows: ByteRowParser, part: RangePart): boolean {
  const columns = body.builder.columns;
  const fits = (column: ColumnBuilder, i: number): boolean => {
    const other = part.columns[i];
    return other !== undefined && column.canAppend(other, part.convertedNumbers[i] === true);
  };
  if (!part.ok || part.columns.length !== columns.length || !columns.every(fits)) return false;
  columns.forEach((column, i) => column.appendPart(part.columns[i] as Column));
  const { builder } = body;
  mergeQuirks(builder.blank, part.blank, rows.rows);
  mergeQuirks(builder.short, part.short, rows.rows);
  mergeQuirks(builder.long, part.long, rows.rows);
  mergeQuirks(builder.badQuotes, part.badQuotes, rows.rows);
  rows.rows += part.rows;
  rows.endedOnNewline = part.endedOnNewline;
  return true;
}

/*
 * Reads the rows from `pos` to request.start here while `runRange` reads the rest on its thread.
 * The runner is stopped when this half fails, when the job is cancelled, or when it lags far
 * behind this half (the rest is then read here). Returns where this half ended and the part.
 */
async function readBesideRunner(
  body: ByteBody,
  rows: ByteRowParser,
  pos: number,
  request: RangeRequest,
  runRange: RangeRunner,
  minWaitMs: number,
): Promise<{ p: number; part: RangePart | undefined }> {
  const { hooks } = body;
  const given = { aborted: false };
  const cancel = {
    get aborted() {
      return given.aborted || hooks.cancel?.aborted === true;
    },
  };
  // Settled at once: if this half throws (cancel, FIELD_TOO_LONG), a failed runner is no unhandled rejection.
  const pending = runRange(request, cancel).catch(() => undefined);
  const t0 = performance.now();
  try {
    const split = { start: pos, at: request.start, end: request.end };
    const p = await readRowsUntil({ ...body, hooks: splitProgress(hooks, split) }, rows, pos, request.start);
    if (p !== request.start) return { p, part: undefined };
    const deadline = new Promise<undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), Math.max(minWaitMs, 2 * (performance.now() - t0)));
      void pending.then(() => clearTimeout(timer));
    });
    return { p, part: await Promise.race([pending, deadline]) };
  } finally {
    given.aborted = true;
  }
}

/** How to read a large file in two halves: the runner of the second half, and the thresholds. */
export interface SplitRun extends SplitOptions {
  readonly runRange: RangeRunner;
}

type FileRef = Pick<RangeRequest, 'bytes' | 'encoding' | 'dialect' | 'limits'>;

/*
 * From `p` (after the sample), reads the rest in two halves when it is large enough: this thread
 * up to a line break near the middle, `runRange` beyond it. Returns the merged table, or where
 * this thread stopped (FALLBACK included) for the caller to read on from.
 */
async function readInHalves(
  file: FileRef,
  body: ByteBody,
  rows: ByteRowParser,
  p: number,
  split: SplitRun,
): Promise<{ p: number; table?: ParsedTable }> {
  const { minSplitBytes = MIN_SPLIT_BYTES, minWaitMs = MIN_WAIT_MS, runRange } = split;
  const end = body.scanner.end;
  const at = end - p < minSplitBytes ? -1 : middleLineStart(file.bytes, p, end, file.dialect.newline);
  if (at <= p) return { p };
  const columns = body.builder.columns;
  const names = columns.map((column) => column.name);
  const textColumns = columns.map((column) => column.isText);
  const request = { ...file, names, textColumns, start: at, end };
  const { p: stopped, part } = await readBesideRunner(body, rows, p, request, runRange, minWaitMs);
  if (stopped === at && part !== undefined && mergePart(body, rows, part)) {
    return { p: stopped, table: { ...finishByteBody(body, rows), threads: 2 } };
  }
  return { p: stopped };
}

/**
 * Parses an ASCII-compatible delimited file from its bytes (BOM already removed) into a columnar
 * table, with the same header, blank-line, ragged-row and limit rules as the papaparse path.
 * Reports progress in bytes every 2 MiB, checks cancel and yields there. Given `split`, a large
 * file is read in two halves on two threads: the same table, warnings and refusals, in about half
 * the time on two free cores. Returns undefined when the file needs papaparse (unclosed or stray
 * quotes). O(n) time; memory: the columns only.
 */
export async function parseDelimitedBytes(
  bytes: Uint8Array,
  encoding: ByteEncoding,
  dialect: Dialect,
  limits: DelimitedLimits,
  hooks: JobHooks = {},
  split?: SplitRun,
): Promise<ParsedTable | undefined> {
  const parsed = await parseOnce(bytes, encoding, dialect, limits, hooks, split);
  // Text after numbers beyond the sample: read again with those columns text from the start.
  const converted = parsed?.textAfterNumbers;
  if (converted === undefined) return parsed;
  const textColumns = converted.map((isConverted, i) => isConverted || limits.textColumns?.[i] === true);
  return parseOnce(bytes, encoding, dialect, { ...limits, textColumns }, hooks, split);
}

/* One read of the file (see parseDelimitedBytes); textAfterNumbers set when a column met text after numbers. */
async function parseOnce(
  bytes: Uint8Array,
  encoding: ByteEncoding,
  dialect: Dialect,
  limits: DelimitedLimits,
  hooks: JobHooks,
  split: SplitRun | undefined,
): Promise<ParsedTable | undefined> {
  const opened = openByteBody(bytes, encoding, dialect, limits, hooks);
  if (opened === undefined) return undefined;
  const { body, pos } = opened;
  const end = body.scanner.end;
  if (pos >= end) return finishByteBody(body, undefined);
  const rows = dataRowParser(body);
  let p = readSampleAndReserve(rows, body.builder.columns, pos, end, split?.sampleBytes);
  const converted = body.builder.columns.map((column) => column.hasConvertedNumbers);
  if (p !== FALLBACK && converted.includes(true)) {
    // Text came after numbers within the sample: start again with those columns text, which costs a
    // sample, not the second whole read that text further down takes (see ParsedTable.textAfterNumbers).
    const textColumns = converted.map((isConverted, i) => isConverted || limits.textColumns?.[i] === true);
    return parseOnce(bytes, encoding, dialect, { ...limits, textColumns }, hooks, split);
  }
  if (split !== undefined && p !== FALLBACK) {
    const halves = await readInHalves({ bytes, encoding, dialect, limits }, body, rows, p, split);
    if (halves.table !== undefined) return halves.table;
    p = halves.p;
  }
  if (p !== FALLBACK) p = await readRowsUntil(body, rows, p, end);
  return p === FALLBACK ? undefined : finishByteBody(body, rows);
}
