import { AnalysisError } from '../errors.ts';
import { throwIfCancelled } from '../cancel.ts';
import type { JobHooks } from '../job.ts';
import type { NumberFormat } from '../number-format.ts';
import type { Column, Table } from '../table.ts';
import { collectAlerts, type Alert } from './alerts.ts';
import { profileColumn, type ColumnProfile } from './column-profile.ts';
import { correlate, type CorrelationSummary } from './correlations.ts';
import { findDuplicates, type DuplicateSummary } from './duplicates.ts';
import { COLUMN_TYPES, type ColumnType } from './infer-type.ts';
import { summarizeMissing, type MissingSummary } from './missing.ts';
import { attachColumns, columnsForOtherThread, MIN_SPLIT_ROWS, type ColumnsRunner } from './split-columns.ts';

export interface ProfileOptions {
  /** How numbers are written in the file (to read text columns the user switches to numeric). */
  readonly format: NumberFormat;
  /** Types chosen by the user, by column name; the rest are inferred. */
  readonly types?: Readonly<Record<string, ColumnType>>;
}

/** A host's hooks for profiling: the job's, plus a second thread to profile some columns on. */
export interface ProfileHooks extends JobHooks {
  readonly profileColumns?: ColumnsRunner;
}

export interface TableProfile {
  readonly columns: readonly ColumnProfile[];
  readonly duplicates: DuplicateSummary;
  readonly missing: MissingSummary;
  readonly correlations: CorrelationSummary;
  readonly alerts: readonly Alert[];
  /** Threads that profiled the columns (2 when a second thread did some of them). */
  readonly threads: 1 | 2;
}

function checkTypes(table: Table, types: Readonly<Record<string, ColumnType>>): void {
  const names = new Set(table.columns.map((c) => c.name));
  for (const [name, type] of Object.entries(types)) {
    if (!names.has(name)) {
      throw new AnalysisError('INVALID_OPTION', `There is no column "${name}" to set the type of.`, { column: name });
    }
    // Types can arrive from JSON (embed API): check them at runtime despite the static type.
    const typeName: unknown = type;
    if (typeof typeName !== 'string' || !(COLUMN_TYPES as readonly string[]).includes(typeName)) {
      const shown = typeof typeName === 'string' ? typeName : JSON.stringify(typeName);
      throw new AnalysisError('INVALID_OPTION', `"${shown}" is not a type: use one of ${COLUMN_TYPES.join(', ')}.`, {
        type: shown,
      });
    }
  }
}

/*
 * True when the profile proves the reading has no missing cell: no missing code, or no NaN and no
 * ±Infinity among the numbers (dates carry no infinity count, so they are always scanned).
 */
function isComplete(p: ColumnProfile): boolean {
  if (p.missing !== 0) return false;
  if (p.reading.kind === 'coded') return true;
  return p.numeric !== undefined && p.numeric.infinite === 0;
}

type TypeOf = (name: string) => ColumnType | undefined;

/*
 * Sends some columns to the other thread (when there is one and the table is large enough); the
 * promise gives their profiles, or undefined when that thread failed (they are then done here).
 */
function startOtherThread(
  table: Table,
  options: ProfileOptions,
  typeOf: TypeOf,
  hooks: ProfileHooks,
): { indices: readonly number[]; profiles: Promise<readonly ColumnProfile[] | undefined> } {
  const run = hooks.profileColumns;
  const indices = run !== undefined && table.rowCount >= MIN_SPLIT_ROWS ? columnsForOtherThread(table.columns) : [];
  if (run === undefined || indices.length === 0) return { indices: [], profiles: Promise.resolve(undefined) };
  const columns = indices.map((i) => table.columns[i] as Column);
  const request = {
    columns,
    indices,
    rows: table.rowCount,
    format: options.format,
    types: columns.map((c) => typeOf(c.name)),
  };
  return { indices, profiles: run(request, hooks.cancel).catch(() => undefined) };
}

/* Every column's profile, in table order: some from the other thread, the rest (or all) here. */
async function profileColumns(
  table: Table,
  options: ProfileOptions,
  hooks: ProfileHooks,
): Promise<{ columns: ColumnProfile[]; threads: 1 | 2 }> {
  const types = options.types ?? {};
  const typeOf: TypeOf = (name) => (Object.hasOwn(types, name) ? types[name] : undefined);
  const there = startOtherThread(table, options, typeOf, hooks);
  const profiles: (ColumnProfile | undefined)[] = [];
  const total = table.columns.length + 2;
  const profileHere = async (index: number): Promise<void> => {
    throwIfCancelled(hooks.cancel);
    const column = table.columns[index] as Column;
    profiles[index] = profileColumn(column, index, table.rowCount, options.format, typeOf(column.name));
    hooks.onProgress?.({ stage: 'profile', done: profiles.filter(Boolean).length, total });
    if (hooks.yieldNow !== undefined) await hooks.yieldNow();
  };
  for (let i = 0; i < table.columns.length; i++) if (!there.indices.includes(i)) await profileHere(i);
  const answer = await there.profiles;
  if (answer !== undefined) for (const p of attachColumns(answer, table.columns)) profiles[p.index] = p;
  for (const i of there.indices) if (profiles[i] === undefined) await profileHere(i);
  return { columns: profiles as ColumnProfile[], threads: answer === undefined ? 1 : 2 };
}

/**
 * Profiles every column (type, statistics, distribution, outliers), then the table: duplicate
 * rows, missing-value structure, correlations and alerts. Reports progress per column, checks
 * cancel and yields between columns. Deterministic: the only sampling (Spearman) is seeded. With
 * `hooks.profileColumns`, some columns of a large table are profiled on a second thread meanwhile
 * (same results: each column's profile depends on that column alone).
 */
export async function profileTable(
  table: Table,
  options: ProfileOptions,
  hooks: ProfileHooks = {},
): Promise<TableProfile> {
  checkTypes(table, options.types ?? {});
  const { columns, threads } = await profileColumns(table, options, hooks);
  const total = table.columns.length + 2;
  throwIfCancelled(hooks.cancel);
  // A column with a different value in every row (an id) means no row can repeat.
  const rows = table.rowCount;
  const duplicates = findDuplicates(table, rows > 0 && columns.some((c) => c.count === rows && c.distinct === rows));
  const missing = summarizeMissing(
    columns.map((c) => c.name),
    columns.map((c) => c.reading),
    table.rowCount,
    columns.map(isComplete),
  );
  hooks.onProgress?.({ stage: 'profile', done: total - 1, total });
  if (hooks.yieldNow !== undefined) await hooks.yieldNow();
  throwIfCancelled(hooks.cancel);
  const correlations = correlate(columns, table.rowCount);
  const numericCells = table.columns.map((c) => (c.kind === 'string' ? c.numericCells : 0));
  const alerts = collectAlerts(columns, table.rowCount, duplicates.duplicateRows, correlations, numericCells);
  hooks.onProgress?.({ stage: 'profile', done: total, total });
  return { columns, duplicates, missing, correlations, alerts, threads };
}
