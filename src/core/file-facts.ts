/** Formats the app reads, decided by content. */
export type FileFormat = 'csv' | 'tsv' | 'xlsx' | 'xls';

export interface SheetInfo {
  readonly name: string;
  readonly rows: number;
  readonly columns: number;
}

/** What was detected (or forced) about the file; the report's `file` block. */
export interface FileFacts {
  readonly name: string;
  readonly bytes: number;
  readonly format: FileFormat;
  /** Text encoding (null for workbooks). */
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly decimalSeparator: '.' | ',' | null;
  readonly thousandsSeparator: string | null;
  readonly sheet: string | null;
  readonly sheets: readonly SheetInfo[];
  /** 1-based row of the header (among non-blank rows for text files, sheet rows for workbooks). */
  readonly headerRow: number;
}
