/*
 * The one contract between the main thread and the analysis worker. Both sides import it: the
 * worker object is declared `satisfies AnalysisApi`, the client does `wrap<AnalysisApi>()`.
 * Only plain data crosses: results are WireResult values, never thrown custom errors.
 */
import type { AnalysisOptions } from '../src/core/analyze.ts';
import type { ErrorData } from '../src/core/errors.ts';
import type { RowWindow, RowWindowRequest } from '../src/core/table-view.ts';
import type { FileFacts } from '../src/core/file-facts.ts';
import type { ProgressCallback } from '../src/core/progress.ts';
import type { PairSample } from '../src/core/pair-sample.ts';
import type { Report } from '../src/core/report.ts';
import type { Warning } from '../src/core/warnings.ts';
import type { IngestOptions } from '../src/ingest/options.ts';

/** Success or failure, as data. */
export type WireResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData };

/** Names a table that lives in the worker. The table itself never crosses the boundary. */
export interface TableHandle {
  readonly id: number;
}

export interface ParseOutcome {
  readonly handle: TableHandle;
  readonly file: FileFacts;
  readonly rows: number;
  readonly rowsSkipped: number;
  readonly columnNames: readonly string[];
  readonly warnings: readonly Warning[];
  readonly timings: Readonly<Record<string, number>>;
}

export interface BackendInfo {
  /** 'wasm' normally; 'cpu' when the WASM backend could not start. */
  readonly backend: string;
  /** Set when the app runs on a fallback (code WASM_UNAVAILABLE). */
  readonly notice: ErrorData | null;
  /** Result of a probe op (sum of [1, 2, 3] = 6) run on that backend: proof that it computes. */
  readonly probe: number;
}

/** What the worker holds right now, for the Overview's "memory used" and the leak tests. */
export interface MemoryInfo {
  /** Tables loaded (the current file, plus any not yet released). */
  readonly tables: number;
  /** Bytes of their columns and cluster labels (typed arrays exact, text as UTF-16). */
  readonly tableBytes: number;
  /** TF.js tensors alive and their bytes; null until TF.js has been loaded. */
  readonly tensors: number | null;
  readonly tensorBytes: number | null;
  /** The worker's JavaScript heap in use, where the engine reports it (Chromium); else null. */
  readonly heapBytes: number | null;
}

export interface AnalysisApi {
  /** Reads and parses a file; the table stays in the worker under the returned handle. */
  parse(
    jobId: number,
    file: Blob,
    fileName: string,
    options: IngestOptions,
    onProgress?: ProgressCallback,
  ): Promise<WireResult<ParseOutcome>>;
  /**
   * Profiles a parsed table (with the user's type choices) and builds its report. `onProfiled`
   * receives the report without clustering as soon as profiling ends, when clustering follows.
   */
  analyze(
    jobId: number,
    handle: TableHandle,
    options: AnalysisOptions,
    onProgress?: ProgressCallback,
    onProfiled?: (report: Report) => void,
  ): Promise<WireResult<Report>>;
  /** A window of rows as display text (optionally sorted by a column), for the virtualised data table. */
  rows(handle: TableHandle, request: RowWindowRequest): Promise<WireResult<RowWindow>>;
  /** Points for the scatter plot of two columns: a seeded sample of the rows where both are numbers. */
  pairSample(handle: TableHandle, x: string, y: string): Promise<WireResult<PairSample>>;
  /** The table as CSV with its `cluster` column (after clustering), safe to open in Excel. */
  exportCsv(handle: TableHandle): Promise<WireResult<Blob>>;
  /** Frees a table. Unknown handles are ignored. */
  release(handle: TableHandle): Promise<void>;
  /** Asks a running job to stop at its next check. Unknown or finished jobs are ignored. */
  cancel(jobId: number): void;
  /** Initialises TF.js once (WASM, else CPU) and reports which backend runs. */
  backend(): Promise<WireResult<BackendInfo>>;
  /** Memory held by the worker's tables and tensors. Never loads TF.js by itself. */
  memory(): Promise<WireResult<MemoryInfo>>;
}
