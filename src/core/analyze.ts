import { clusterTable, type ClusterOptions, type ClusteringResult } from './cluster/cluster.ts';
import type { ClusterHelper } from './cluster/fit-split.ts';
import type { Tf } from './cluster/lloyd.ts';
import { AnalysisError } from './errors.ts';
import type { FileFacts } from './file-facts.ts';
import type { JobHooks } from './job.ts';
import type { NumberFormat } from './number-format.ts';
import type { ColumnType } from './profile/infer-type.ts';
import { profileTable, type TableProfile } from './profile/profile.ts';
import type { ProfileHelper } from './profile/profile-split.ts';
import { buildReport, type EngineFacts, type Report } from './report.ts';
import type { Table } from './table.ts';
import type { Warning } from './warnings.ts';

/** What a user may choose about the analysis (the CLI's and the embed API's options). */
export interface AnalysisOptions {
  /** Column types chosen by the user, by column name. */
  readonly types?: Readonly<Record<string, ColumnType>>;
  /** k-means settings; `false` skips clustering. */
  readonly cluster?: ClusterOptions | false;
}

/** A parsed table with what ingest learned about its file (an IngestResult fits). */
export interface IngestedTable {
  readonly table: Table;
  readonly file: FileFacts;
  readonly warnings: readonly Warning[];
  readonly rowsSkipped: number;
}

export interface AnalysisContext {
  readonly version: string;
  /** Timings of the stages before this one (read, parse). */
  readonly timings: Readonly<Record<string, number>>;
  readonly engine?: EngineFacts;
  /** Run-level notices to put first among the warnings (e.g. the CPU fallback). */
  readonly notices?: readonly Warning[];
  readonly now?: () => number;
  /** TF.js with a backend already chosen by the host; without it there is no clustering. */
  readonly tf?: Tf;
  /** Receives the report without its clustering as soon as profiling ends, when clustering follows. */
  readonly onProfiled?: (report: Report) => void;
  /** A second thread for parts of a large table's profile (the report is the same without it). */
  readonly secondThread?: ProfileHelper;
  /** A second thread for some of the fits that choose k (the report is the same without it). */
  readonly clusterHelper?: ClusterHelper;
}

export interface Analysis {
  readonly report: Report;
  /** Cluster of every table row (-1: not clustered), when clustering ran. */
  readonly labels: Int32Array | null;
}

/**
 * Profiles an ingested table and assembles its report: the one pipeline behind the worker, the
 * CLI and the tests. Adds the profile time to `timings`.
 */
export async function analyzeTable(
  ingested: IngestedTable,
  options: AnalysisOptions,
  context: AnalysisContext,
  hooks: JobHooks = {},
): Promise<Report> {
  return (await analyze(ingested, options, context, hooks)).report;
}

/**
 * {@link analyzeTable} plus the row labels of the clustering. Clustering that was not asked for
 * explicitly (automatic k) and cannot run (no numeric column, too few distinct points) becomes a
 * CLUSTERING_SKIPPED warning; an explicit k that cannot run is an error.
 */
export async function analyze(
  ingested: IngestedTable,
  options: AnalysisOptions,
  context: AnalysisContext,
  hooks: JobHooks = {},
): Promise<Analysis> {
  const now = context.now ?? (() => performance.now());
  const t0 = now();
  const { file, table } = ingested;
  const format = numberFormatOf(file);
  const profile = await profileTable(table, { format, types: options.types }, hooks, context.secondThread);
  const t1 = now();
  // The host knows how the file was read; how the profile ran is known only now.
  const engine = context.engine === undefined ? undefined : { ...context.engine, profileThreads: profile.threads };
  if (context.onProfiled !== undefined && options.cluster !== false && context.tf !== undefined) {
    const timings = { ...context.timings, profile: t1 - t0 };
    const warnings = [...(context.notices ?? []), ...ingested.warnings];
    const { version } = context;
    context.onProfiled(buildReport({ ...ingested, profile, warnings, timings, engine, version, clustering: null }));
  }
  const clustering = await clusterIfAsked(profile.columns, table.rowCount, options, context, hooks);
  const t2 = now();
  const timings = { ...context.timings, profile: t1 - t0, ...(clustering.ran ? { cluster: t2 - t1 } : {}) };
  const report = buildReport({
    ...ingested,
    profile,
    warnings: [...(context.notices ?? []), ...ingested.warnings, ...clustering.warnings],
    timings,
    engine:
      engine === undefined || clustering.result === null
        ? engine
        : { ...engine, clusterThreads: clustering.result.threads },
    version: context.version,
    clustering: clustering.result,
  });
  return { report, labels: clustering.result?.labels ?? null };
}

async function clusterIfAsked(
  profiles: TableProfile['columns'],
  rows: number,
  options: AnalysisOptions,
  context: AnalysisContext,
  hooks: JobHooks,
): Promise<{ ran: boolean; result: ClusteringResult | null; warnings: Warning[] }> {
  if (options.cluster === false || context.tf === undefined) return { ran: false, result: null, warnings: [] };
  const clusterOptions = options.cluster ?? {};
  try {
    const result = await clusterTable(context.tf, profiles, rows, clusterOptions, hooks, context.clusterHelper);
    return { ran: true, result, warnings: [] };
  } catch (error) {
    const isAuto = (clusterOptions.k ?? 'auto') === 'auto' && clusterOptions.features === undefined;
    const skippable =
      error instanceof AnalysisError && (error.code === 'NO_NUMERIC_COLUMNS' || error.code === 'K_OUT_OF_RANGE');
    if (!isAuto || !skippable) throw error;
    return {
      ran: true,
      result: null,
      warnings: [
        { code: 'CLUSTERING_SKIPPED', message: `Clustering was skipped: ${error.message}`, cause: error.toData() },
      ],
    };
  }
}

/** How numbers are written in this file (decimal and thousands separators as detected or chosen). */
export function numberFormatOf(file: FileFacts): NumberFormat {
  return { decimal: file.decimalSeparator ?? '.', thousands: thousandsOf(file.thousandsSeparator) };
}

function thousandsOf(separator: string | null): NumberFormat['thousands'] {
  return separator === '.' || separator === ',' || separator === ' ' ? separator : '';
}
