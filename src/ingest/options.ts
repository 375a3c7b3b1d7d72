import type { NumberFormat } from '../core/number-format.ts';
import type { ZipLimits } from './zip-guard.ts';

export type Delimiter = ',' | ';' | '\t' | '|';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export const TEXT_ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'];

/** Default missing-value tokens (pandas' common ones). Compared after trimming spaces. */
export const DEFAULT_MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'n/a', 'NaN', 'nan', 'null', 'NULL', '#N/A'];

/** The old backend's limit, kept: files over 100 MB are refused unless the limit is raised. */
export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;
/** More columns than this is refused: no real table has them, hostile files do. */
export const DEFAULT_MAX_COLUMNS = 5000;
/** Longest cell accepted (characters): Excel's own cell limit is 32,767, so 1 M means a broken quote. */
export const DEFAULT_MAX_FIELD_CHARS = 1_000_000;

/** What a user may force instead of letting ingest detect it. Every field is optional. */
export interface IngestOptions {
  readonly delimiter?: Delimiter;
  readonly decimal?: NumberFormat['decimal'];
  readonly thousands?: NumberFormat['thousands'];
  readonly encoding?: TextEncodingName;
  /** Sheet name, or 1-based index as a string. */
  readonly sheet?: string;
  /** 1-based row number of the header row among non-blank rows; detected when absent. */
  readonly headerRow?: number;
  readonly missingTokens?: readonly string[];
  readonly maxFileBytes?: number;
  readonly maxColumns?: number;
  readonly maxFieldChars?: number;
  /** Caps for XLSX (ZIP) containers; see DEFAULT_ZIP_LIMITS. */
  readonly zipLimits?: Partial<ZipLimits>;
  /** Skip the bytes-level fast path (for differential tests and as an escape hatch). */
  readonly forcePapaparse?: boolean;
}
