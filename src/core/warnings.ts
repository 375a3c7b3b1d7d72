/** Codes of the notices a report may carry. Unlike errors, warnings never stop an analysis. */
export type WarningCode =
  | 'EXTENSION_MISMATCH'
  | 'ENCODING_FALLBACK'
  | 'RAGGED_ROWS_PADDED'
  | 'RAGGED_ROWS_CUT'
  | 'HEADER_RENAMED'
  | 'BLANK_LINES_SKIPPED'
  | 'ROWS_BEFORE_HEADER_SKIPPED'
  | 'UNCLOSED_QUOTE'
  | 'MALFORMED_QUOTES'
  | 'MERGED_CELLS'
  | 'EXCEL_ERROR_CELLS'
  | 'WASM_UNAVAILABLE'
  | 'CLUSTERING_SKIPPED'
  | 'AMBIGUOUS_NUMBERS'
  | 'INVALID_UTF8'
  | 'FORMULAS_NOT_COMPUTED'
  | 'SHEET_IGNORED'
  | 'NUL_REMOVED';

import type { ErrorData } from './errors.ts';

/** A notice about the input or the run. `count` and `examples` say how much and where. */
export interface Warning {
  readonly code: WarningCode;
  readonly message: string;
  readonly count?: number;
  /** 1-based data row numbers (or column names) of the first few cases. */
  readonly examples?: readonly (number | string)[];
  /** Technical detail for bug reports (e.g. why WASM failed to start). */
  readonly detail?: string;
  /** The error behind a step that was skipped (CLUSTERING_SKIPPED), for a message in the page's language. */
  readonly cause?: ErrorData;
}
