import type { ClusteringResult } from './cluster/cluster.ts';
import type { FileFacts } from './file-facts.ts';
import type { Alert } from './profile/alerts.ts';
import type { ColumnProfile } from './profile/column-profile.ts';
import type { CorrelationSummary } from './profile/correlations.ts';
import type { DuplicateSummary } from './profile/duplicates.ts';
import type { MissingSummary } from './profile/missing.ts';
import type { TableProfile } from './profile/profile.ts';
import type { Table } from './table.ts';
import type { Warning } from './warnings.ts';

/** Bumped on any incompatible change of the report's shape; described by report.schema.json. */
export const SCHEMA_VERSION = 1;

/** JSON has no NaN or Infinity: undefined statistics become null. */
type Jsonable<T> = T extends number
  ? number | null
  : T extends object
    ? { readonly [K in keyof T]: Jsonable<T[K]> }
    : T;

/** A column's report entry: its profile's facts (not the in-memory reading) and JSON-safe statistics. */
export interface ColumnReport extends Pick<
  ColumnProfile,
  'name' | 'type' | 'inferredType' | 'alternatives' | 'count' | 'missing' | 'unparseable' | 'distinct' | 'flags'
> {
  /** Numeric, datetime, category or boolean statistics, by type. */
  readonly stats: Readonly<Record<string, unknown>>;
  readonly top?: readonly (readonly [string, number])[];
  readonly histogram?: Jsonable<NonNullable<ColumnProfile['histogram']>>;
  readonly box?: Jsonable<NonNullable<ColumnProfile['box']>>;
  readonly outliers?: Jsonable<NonNullable<ColumnProfile['outliers']>>;
}

export interface EngineFacts {
  /** TF.js backend that ran tensor work: 'wasm', or 'cpu' when WASM could not start. */
  readonly backend: string;
  /** Threads that read the file's rows (2: a large CSV read in two halves side by side). */
  readonly parseThreads?: number;
  /** Threads that profiled the table (2: a second thread took part of a large table's profile). */
  readonly profileThreads?: number;
  /** Threads that fitted the candidate k of the clustering (2: a second thread took some). */
  readonly clusterThreads?: number;
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
  readonly duplicateRows: number;
  readonly duplicates: DuplicateSummary;
  readonly missing: MissingSummary;
  readonly warnings: readonly Warning[];
  readonly alerts: readonly Alert[];
  /** Milliseconds per stage. */
  readonly timings: Readonly<Record<string, number>>;
  readonly engine?: EngineFacts;
  readonly columns: readonly ColumnReport[];
  readonly correlations: Jsonable<CorrelationSummary>;
  /** k-means results; null when clustering did not run or was skipped (see warnings). */
  readonly clustering: ClusteringReport | null;
}

/** The clustering block: everything but the per-row labels (exported as CSV instead). */
export type ClusteringReport = Jsonable<Omit<ClusteringResult, 'labels' | 'threads'>>;

export interface ReportInput {
  readonly table: Table;
  readonly profile: TableProfile;
  readonly file: FileFacts;
  readonly warnings: readonly Warning[];
  readonly rowsSkipped: number;
  readonly timings: Readonly<Record<string, number>>;
  readonly engine?: EngineFacts;
  readonly version: string;
  readonly clustering?: ClusteringResult | null;
}

/** Deep copy with every non-finite number replaced by null (JSON cannot hold NaN or Infinity). */
export function jsonSafe<T>(value: T): Jsonable<T> {
  if (typeof value === 'number') return (Number.isFinite(value) ? value : null) as Jsonable<T>;
  if (Array.isArray(value)) return value.map((v: unknown) => jsonSafe(v)) as Jsonable<T>;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = jsonSafe(v);
    return out as Jsonable<T>;
  }
  return value as Jsonable<T>;
}

function statsOf(p: ColumnProfile): Record<string, unknown> {
  if (p.numeric !== undefined) return jsonSafe(p.numeric);
  if (p.datetime !== undefined) return jsonSafe(p.datetime);
  if (p.categories === undefined) return {};
  const { topShare, rareLevels, rareCells, singletons, imbalance, length } = p.categories;
  return jsonSafe({ topShare, rareLevels, rareCells, singletons, imbalance, length, ...(p.boolean ?? {}) });
}

/** One column's report entry (the `reading` used for computation stays behind). */
export function toColumnReport(p: ColumnProfile): ColumnReport {
  const base = {
    name: p.name,
    type: p.type,
    inferredType: p.inferredType,
    alternatives: p.alternatives,
    count: p.count,
    missing: p.missing,
    unparseable: p.unparseable,
    distinct: p.distinct,
    flags: p.flags,
    stats: statsOf(p),
  };
  return {
    ...base,
    ...(p.categories === undefined ? {} : { top: p.categories.top }),
    ...(p.histogram === undefined ? {} : { histogram: jsonSafe(p.histogram) }),
    ...(p.box === undefined ? {} : { box: jsonSafe(p.box) }),
    ...(p.outliers === undefined ? {} : { outliers: jsonSafe(p.outliers) }),
  };
}

function clusteringReport(result: ClusteringResult | null): ClusteringReport | null {
  if (result === null) return null;
  // labels are per row: exported as CSV, not reported; threads go to engine.clusterThreads
  const { labels, threads, ...rest } = result;
  return jsonSafe(rest);
}

/** Assembles the report from an ingested table and its profile. O(columns). */
export function buildReport(input: ReportInput): Report {
  const { table, profile } = input;
  const report: Report = {
    schemaVersion: SCHEMA_VERSION,
    generator: { name: 'smartdata-analyzer', version: input.version },
    file: input.file,
    rows: table.rowCount,
    rowsSkipped: input.rowsSkipped,
    cells: table.rowCount * table.columns.length,
    missingCells: profile.missing.cells,
    duplicateRows: profile.duplicates.duplicateRows,
    duplicates: profile.duplicates,
    missing: profile.missing,
    warnings: input.warnings,
    alerts: profile.alerts,
    timings: input.timings,
    columns: profile.columns.map(toColumnReport),
    correlations: jsonSafe(profile.correlations),
    clustering: clusteringReport(input.clustering ?? null),
  };
  return input.engine === undefined ? report : { ...report, engine: input.engine };
}
