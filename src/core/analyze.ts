import type { FileFacts } from './file-facts.ts';
import type { JobHooks } from './job.ts';
import type { NumberFormat } from './number-format.ts';
import type { ColumnType } from './profile/infer-type.ts';
import { profileTable } from './profile/profile.ts';
import { buildReport, type EngineFacts, type Report } from './report.ts';
import type { Table } from './table.ts';
import type { Warning } from './warnings.ts';

/** What a user may choose about the analysis (the CLI's and the embed API's options). */
export interface AnalysisOptions {
  /** Column types chosen by the user, by column name. */
  readonly types?: Readonly<Record<string, ColumnType>>;
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
  const now = context.now ?? (() => performance.now());
  const t0 = now();
  const { file } = ingested;
  const format: NumberFormat = {
    decimal: file.decimalSeparator ?? '.',
    thousands: thousandsOf(file.thousandsSeparator),
  };
  const profile = await profileTable(ingested.table, { format, types: options.types }, hooks);
  const report = buildReport({
    ...ingested,
    profile,
    warnings: [...(context.notices ?? []), ...ingested.warnings],
    timings: { ...context.timings, profile: now() - t0 },
    engine: context.engine,
    version: context.version,
  });
  return report;
}

function thousandsOf(separator: string | null): NumberFormat['thousands'] {
  return separator === '.' || separator === ',' || separator === ' ' ? separator : '';
}
