import { AnalysisError } from '../core/errors.ts';
import { throwIfCancelled } from '../core/cancel.ts';
import type { JobHooks } from '../core/job.ts';
import type { FileFacts } from '../core/file-facts.ts';
import type { Table } from '../core/table.ts';
import type { Warning } from '../core/warnings.ts';
import { decodeText } from './decode-text.ts';
import { detectContainer, isExtensionMismatch } from './detect-format.ts';
import { DEFAULT_MAX_COLUMNS, DEFAULT_MAX_FILE_BYTES, DEFAULT_MISSING_TOKENS, type IngestOptions } from './options.ts';
import { parseDelimited, type ParsedTable } from './parse-delimited.ts';
import { parseWorkbook } from './parse-workbook.ts';
import { sniffDialect } from './sniff.ts';

export interface IngestResult {
  readonly table: Table;
  readonly file: FileFacts;
  readonly warnings: readonly Warning[];
  readonly rowsSkipped: number;
}

function assertSize(bytes: Uint8Array, maxFileBytes: number): void {
  if (bytes.length === 0) throw new AnalysisError('EMPTY_FILE', 'The file is empty (0 bytes).');
  if (bytes.length > maxFileBytes) {
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
    throw new AnalysisError(
      'FILE_TOO_LARGE',
      `The file is ${mb(bytes.length)} MB; the limit is ${mb(maxFileBytes)} MB.`,
      { bytes: bytes.length, limit: maxFileBytes },
    );
  }
}

/**
 * Reads a file's bytes into a columnar table. The format is decided by content (magic bytes), the
 * encoding, delimiter and number format are detected unless forced in `options`. Refusals throw
 * AnalysisError with a specific code; recoverable quirks come back as `warnings`.
 */
export async function ingestBytes(
  bytes: Uint8Array,
  fileName: string,
  options: IngestOptions = {},
  hooks: JobHooks = {},
): Promise<IngestResult> {
  assertSize(bytes, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const container = detectContainer(bytes);
  const missingTokens = new Set(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
  const maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
  throwIfCancelled(hooks.cancel);
  if (container !== 'text') {
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
    return finish(parsed, file);
  }
  const decoded = decodeText(bytes, options.encoding);
  const dialect = sniffDialect(decoded.text, options);
  const headerRow = options.headerRow ?? 1;
  const parsed = await parseDelimited(decoded.text, dialect, { missingTokens, maxColumns, headerRow }, hooks);
  const file: FileFacts = {
    name: fileName,
    bytes: bytes.length,
    format: dialect.delimiter === '\t' ? 'tsv' : 'csv',
    encoding: decoded.encoding,
    delimiter: dialect.delimiter,
    decimalSeparator: dialect.format.decimal,
    thousandsSeparator: dialect.format.thousands,
    sheet: null,
    sheets: [],
    headerRow,
  };
  const extra: Warning[] = decoded.isFallback
    ? [
        {
          code: 'ENCODING_FALLBACK',
          message: 'The file is not valid UTF-8: it was read as Windows-1252 (Western European).',
        },
      ]
    : [];
  return finish(parsed, file, extra);
}

function finish(parsed: ParsedTable, file: FileFacts, extra: readonly Warning[] = []): IngestResult {
  const warnings = [...extra, ...parsed.warnings];
  if (isExtensionMismatch(file.name, file.format)) {
    warnings.unshift({
      code: 'EXTENSION_MISMATCH',
      message: `The file is named "${file.name}" but its content is ${file.format.toUpperCase()}: it was read as ${file.format.toUpperCase()}.`,
    });
  }
  return { table: parsed.table, file, warnings, rowsSkipped: parsed.rowsSkipped };
}
