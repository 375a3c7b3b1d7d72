import { AnalysisError, spanishNumber } from '../core/errors.ts';
import { throwIfCancelled } from '../core/cancel.ts';
import type { FileFacts } from '../core/file-facts.ts';
import type { JobHooks } from '../core/job.ts';
import type { Table } from '../core/table.ts';
import type { Warning } from '../core/warnings.ts';
import {
  assertLooksLikeText,
  decodeAll,
  decodeHead,
  isAsciiCompatible,
  laterSamples,
  planEncoding,
  type EncodingPlan,
} from './decode-text.ts';
import type { DelimitedLimits, ParsedTable } from './delimited-table.ts';
import { detectContainer, EMPTY_FILE, isExtensionMismatch } from './detect-format.ts';
import {
  DEFAULT_MAX_COLUMNS,
  DEFAULT_MAX_FIELD_CHARS,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MISSING_TOKENS,
  type IngestOptions,
} from './options.ts';
import { parseDelimited } from './parse-delimited.ts';
import { parseWorkbook } from './parse-workbook.ts';
import { parseDelimitedBytes, type RangeRunner } from './split-delimited.ts';
import { sniffDialect, type AmbiguousNumbers } from './sniff.ts';
import { inspectZip, verifyZipSizes } from './zip-guard.ts';

export interface IngestResult {
  readonly table: Table;
  readonly file: FileFacts;
  readonly warnings: readonly Warning[];
  readonly rowsSkipped: number;
  /** Which delimited parser produced the table (workbooks: 'sheetjs'). */
  readonly parser: 'bytes' | 'papaparse' | 'sheetjs';
  /** Threads that read the rows: 2 when a large CSV was read in two halves side by side. */
  readonly threads: 1 | 2;
}

/** A host's hooks for ingest: the job's, plus a second thread to read half of a large CSV on. */
export interface IngestHooks extends JobHooks {
  /** Given, large CSV/TSV files in UTF-8 or Windows-1252 are read in two halves side by side. */
  readonly runRange?: RangeRunner;
}

/**
 * Refuses an empty file or one over the limit, from its size alone: the worker calls it before
 * reading a dropped file, so that 5 GB are refused at once rather than after a read of 40 s.
 */
export function assertFileSize(size: number, maxFileBytes = DEFAULT_MAX_FILE_BYTES): void {
  if (size === 0) throw new AnalysisError('EMPTY_FILE', EMPTY_FILE);
  if (size > maxFileBytes) {
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
    const mbEs = (n: number): string => spanishNumber(n / 1024 / 1024, 1);
    throw new AnalysisError(
      'FILE_TOO_LARGE',
      {
        en: `The file is ${mb(size)} MB; the limit is ${mb(maxFileBytes)} MB.`,
        es: `El archivo ocupa ${mbEs(size)} MB; el límite es ${mbEs(maxFileBytes)} MB.`,
      },
      {
        bytes: size,
        limit: maxFileBytes,
      },
    );
  }
}

/**
 * Reads a file's bytes into a columnar table. The format is decided by content (magic bytes); the
 * encoding, delimiter and number format are detected unless forced in `options`. Delimited files go
 * through the bytes-level parser (UTF-16 re-encoded as UTF-8 first); a quote never closed and
 * `forcePapaparse` through papaparse. Refusals throw AnalysisError with a specific code;
 * recoverable quirks come back as `warnings`.
 */
export async function ingestBytes(
  bytes: Uint8Array,
  fileName: string,
  options: IngestOptions = {},
  hooks: IngestHooks = {},
): Promise<IngestResult> {
  assertFileSize(bytes.length, options.maxFileBytes);
  const container = detectContainer(bytes);
  const missingTokens = new Set(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
  const maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
  throwIfCancelled(hooks.cancel);
  if (container === 'text') return ingestText(bytes, fileName, options, hooks);
  if (container === 'xlsx') {
    // Zip bombs and forged sizes are refused before SheetJS inflates anything.
    const entries = inspectZip(bytes, options.zipLimits);
    await verifyZipSizes(bytes, entries, options.zipLimits, hooks.cancel);
  }
  const parsed = await parseWorkbook(
    bytes,
    { missingTokens, maxColumns, sheet: options.sheet, headerRow: options.headerRow },
    hooks,
  );
  const file: FileFacts = {
    name: fileName,
    bytes: bytes.length,
    format: container,
    encoding: null,
    delimiter: null,
    decimalSeparator: null,
    thousandsSeparator: null,
    sheet: parsed.sheet,
    sheets: parsed.sheets,
    headerRow: parsed.headerRow,
  };
  return finish(parsed, file, [], 'sheetjs');
}

/* Whitespace and line breaks only: refused as empty (it was read as one column holding " \t "). */
function assertNotBlank(bytes: Uint8Array, plan: EncodingPlan, head: string): void {
  if (head.trim() !== '') return;
  const body = bytes.subarray(plan.bomLength);
  const isAsciiBlank = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
  // A head of blanks, and the rest (if any) too: bytes for ASCII-compatible encodings, else text.
  const blank = isAsciiCompatible(plan.encoding) ? body.every(isAsciiBlank) : decodeAll(bytes, plan).trim() === '';
  if (!blank) return;
  const message = {
    en: 'The file holds only spaces and line breaks.',
    es: 'El archivo solo contiene espacios y saltos de línea.',
  };
  throw new AnalysisError('EMPTY_FILE', message);
}

/*
 * NUL bytes of UTF-8 or Windows-1252 bytes (a broken export's padding; "2\0" made a number column
 * text), removed and counted. The bytes as they are (no copy) when there is none, as usual.
 */
function withoutNuls(bytes: Uint8Array): { bytes: Uint8Array; removed: number } {
  if (bytes.indexOf(0) < 0) return { bytes, removed: 0 };
  const kept = bytes.filter((b) => b !== 0);
  return { bytes: kept, removed: bytes.length - kept.length };
}

async function ingestText(
  original: Uint8Array,
  fileName: string,
  options: IngestOptions,
  hooks: IngestHooks,
): Promise<IngestResult> {
  const plan = planEncoding(original, options.encoding);
  const { bytes, removed: nulsRemoved } = isAsciiCompatible(plan.encoding)
    ? withoutNuls(original)
    : { bytes: original, removed: 0 };
  const head = decodeHead(bytes, plan);
  assertLooksLikeText(head);
  assertNotBlank(bytes, plan, head);
  const dialect = sniffDialect(head, options, laterSamples(bytes, plan));
  const limits: DelimitedLimits = {
    missingTokens: new Set(options.missingTokens ?? DEFAULT_MISSING_TOKENS),
    maxColumns: options.maxColumns ?? DEFAULT_MAX_COLUMNS,
    maxFieldChars: options.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS,
    headerRow: options.headerRow ?? 1,
  };
  const canUseBytes = isAsciiCompatible(plan.encoding) && options.forcePapaparse !== true;
  const body = bytes.subarray(plan.bomLength);
  const { runRange } = hooks;
  const bytePath = canUseBytes && (plan.encoding === 'utf-8' || plan.encoding === 'windows-1252');
  const split = runRange === undefined ? undefined : { runRange };
  let fast = bytePath ? await parseDelimitedBytes(body, plan.encoding, dialect, limits, hooks, split) : undefined;
  let utf16Nuls = 0;
  let decoded: string | undefined; // UTF-16 text, decoded once for both readers
  const text = (): string => (decoded ??= decodeAll(bytes, plan));
  if (options.forcePapaparse !== true && (plan.encoding === 'utf-16le' || plan.encoding === 'utf-16be')) {
    // UTF-16 ("Unicode text" from Excel) re-encoded as UTF-8, for the same reader as every other text
    // file (papaparse reads text after a closing quote its own way); one thread: the copy is not shared.
    const utf8 = withoutNuls(new TextEncoder().encode(text()));
    utf16Nuls = utf8.removed;
    fast = await parseDelimitedBytes(utf8.bytes, 'utf-8', dialect, limits, hooks);
  }
  const parsed = fast ?? (await parseDelimited(text(), dialect, limits, hooks));
  const file: FileFacts = {
    name: fileName,
    bytes: original.length,
    format: dialect.delimiter === '\t' ? 'tsv' : 'csv',
    encoding: plan.encoding,
    delimiter: dialect.delimiter,
    decimalSeparator: dialect.format.decimal,
    thousandsSeparator: dialect.format.thousands,
    sheet: null,
    sheets: [],
    headerRow: limits.headerRow,
  };
  const extra: Warning[] = plan.isFallback
    ? [
        {
          code: 'ENCODING_FALLBACK',
          message: 'The file is not valid UTF-8: it was read as Windows-1252 (Western European).',
        },
      ]
    : [];
  const nuls = nulsRemoved + (fast === undefined ? 0 : utf16Nuls);
  if (nuls > 0) {
    extra.push({
      code: 'NUL_REMOVED',
      message: `${nuls} NUL character(s), left by a broken export, were removed (with them, "2" read as text).`,
      count: nuls,
    });
  }
  if (options.sheet !== undefined) {
    extra.push({
      code: 'SHEET_IGNORED',
      message: `A sheet (${options.sheet}) was asked for, but this is a ${dialect.delimiter === '\t' ? 'TSV' : 'CSV'} file, which has none: it was read whole.`,
    });
  }
  if (plan.strayBytes !== undefined) {
    extra.push({
      code: 'INVALID_UTF8',
      message: `The file is UTF-8 but for ${plan.strayBytes} stray byte(s) (a character from another encoding, pasted in): they show as "\uFFFD". If most accents look wrong, read it again as Windows-1252.`,
      count: plan.strayBytes,
    });
  } else if (plan.hasInvalidUtf8 === true) {
    extra.push({
      code: 'INVALID_UTF8',
      message:
        'The file is read as UTF-8 (its byte-order mark or the chosen encoding says so) but is not valid UTF-8: the bytes that are not show as "\uFFFD". If accents look wrong, read it again as Windows-1252.',
    });
  }
  if (dialect.ambiguous !== undefined) extra.push(ambiguityWarning(dialect.ambiguous));
  return finish(parsed, file, extra, fast === undefined ? 'papaparse' : 'bytes');
}

/* Which way numbers like "1,500" were read, and how to read them the other way. */
function ambiguityWarning({ separator, example, readAs }: AmbiguousNumbers): Warning {
  const other = separator === ',' ? '.' : ',';
  const taken =
    readAs === 'thousands'
      ? `"${separator}" was read as the thousands separator`
      : `"${separator}" was read as the decimal separator`;
  const otherWay =
    readAs === 'thousands'
      ? `if it is the decimal separator, read the file again with decimal separator "${separator}"`
      : `if it separates thousands, read the file again with decimal separator "${other}"`;
  return {
    code: 'AMBIGUOUS_NUMBERS',
    message: `Numbers such as "${example}" can be read two ways: ${taken}; ${otherWay}.`,
    examples: [example],
  };
}

function finish(
  parsed: ParsedTable,
  file: FileFacts,
  extra: readonly Warning[],
  parser: IngestResult['parser'],
): IngestResult {
  const warnings = [...extra, ...parsed.warnings];
  if (isExtensionMismatch(file.name, file.format)) {
    warnings.unshift({
      code: 'EXTENSION_MISMATCH',
      message: `The file is named "${file.name}" but its content is ${file.format.toUpperCase()}: it was read as ${file.format.toUpperCase()}.`,
    });
  }
  const threads = parsed.threads ?? 1;
  return { table: parsed.table, file, warnings, rowsSkipped: parsed.rowsSkipped, parser, threads };
}
