import type { ColumnSummary } from './column-summary.ts';
import { summarizeColumn } from './column-summary.ts';
import type { FileFacts } from './file-facts.ts';
import type { Table } from './table.ts';
import type { Warning } from './warnings.ts';

/** Bumped on any incompatible change of the report's shape; described by report.schema.json. */
export const SCHEMA_VERSION = 1;

export type ColumnReport = ColumnSummary;

/** An observation worth acting on, produced by the profiler. */
export interface Alert {
  readonly code: string;
  readonly severity: 'info' | 'warning' | 'critical';
  readonly column?: string;
  readonly message: string;
}

export interface EngineFacts {
  /** TF.js backend that ran tensor work: 'wasm', or 'cpu' when WASM could not start. */
  readonly backend: string;
}

/** The JSON report: printed by the CLI, returned by the embed API, exported by the UI. */
export interface Report {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly generator: { readonly name: string; readonly version: string };
  readonly file: FileFacts;
  /** Data rows read (header excluded). */
  readonly rows: number;
  /** Lines or rows not read as data (blank lines, rows above the header), reported in warnings. */
  readonly rowsSkipped: number;
  /** rows × columns: every cell the table holds, missing or not. */
  readonly cells: number;
  readonly missingCells: number;
  readonly warnings: readonly Warning[];
  readonly alerts: readonly Alert[];
  /** Milliseconds per stage. */
  readonly timings: Readonly<Record<string, number>>;
  readonly engine?: EngineFacts;
  readonly columns: readonly ColumnReport[];
}

export interface ReportInput {
  readonly table: Table;
  readonly file: FileFacts;
  readonly warnings: readonly Warning[];
  readonly rowsSkipped: number;
  readonly timings: Readonly<Record<string, number>>;
  readonly engine?: EngineFacts;
  readonly version: string;
}

/** Builds the report from an ingested table. O(cells). */
export function buildReport(input: ReportInput): Report {
  const { table } = input;
  const columns = table.columns.map((column) => summarizeColumn(column, table.rowCount));
  const missingCells = columns.reduce((sum, c) => sum + c.missing, 0);
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    generator: { name: 'smartdata-analyzer', version: input.version },
    file: input.file,
    rows: table.rowCount,
    rowsSkipped: input.rowsSkipped,
    cells: table.rowCount * table.columns.length,
    missingCells,
    warnings: input.warnings,
    alerts: [],
    timings: input.timings,
    columns,
  };
  return input.engine === undefined ? report : { ...report, engine: input.engine };
}
