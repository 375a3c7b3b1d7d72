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
import { attachColumns, MIN_SPLIT_ROWS, type ColumnsRunner } from './split-columns.ts';

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

/** Columns still to profile: this thread takes from the front, the other thread from the back. */
type Queue = number[];

/* A macrotask: lets the other thread's answer in between two columns profiled here. */
const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/*
 * The other thread's side: one column at a time from the back of the queue, until it is empty
 * or the thread fails (its column goes back to the queue). Resolves with how many it did.
 */
async function profileThere(
  table: Table,
  options: ProfileOptions,
  typeOf: TypeOf,
  run: ColumnsRunner,
  queue: Queue,
  finish: (profile: ColumnProfile) => void,
  cancel: ProfileHooks['cancel'],
): Promise<number> {
  let done = 0;
  for (let index = queue.pop(); index !== undefined; index = queue.pop()) {
    const column = table.columns[index] as Column;
    const request = { columns: [column], indices: [index], rows: table.rowCount, format: options.format };
    const answer = await run({ ...request, types: [typeOf(column.name)] }, cancel).catch(() => undefined);
    if (answer === undefined) {
      queue.push(index);
      break;
    }
    attachColumns(answer, table.columns).forEach(finish);
    done++;
  }
  return done;
}

/*
 * Every column's profile, in table order. With a second thread (large tables only), both threads
 * take columns from one queue, so a slower or busier thread simply does fewer of them.
 */
async function profileColumns(
  table: Table,
  options: ProfileOptions,
  hooks: ProfileHooks,
): Promise<{ columns: ColumnProfile[]; threads: 1 | 2 }> {
  const types = options.types ?? {};
  const typeOf: TypeOf = (name) => (Object.hasOwn(types, name) ? types[name] : undefined);
  const profiles: ColumnProfile[] = [];
  const total = table.columns.length + 2;
  const finish = (profile: ColumnProfile): void => {
    profiles[profile.index] = profile;
    hooks.onProgress?.({ stage: 'profile', done: profiles.filter(Boolean).length, total });
  };
  const queue: Queue = table.columns.map((_, i) => i);
  const run = table.rowCount >= MIN_SPLIT_ROWS && queue.length > 1 ? hooks.profileColumns : undefined;
  const there =
    run === undefined ? Promise.resolve(0) : profileThere(table, options, typeOf, run, queue, finish, hooks.cancel);
  const pause = hooks.yieldNow ?? (run === undefined ? undefined : macrotask);
  const profileHere = async (): Promise<void> => {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      throwIfCancelled(hooks.cancel);
      const column = table.columns[index] as Column;
      finish(profileColumn(column, index, table.rowCount, options.format, typeOf(column.name)));
      if (pause !== undefined) await pause();
    }
  };
  await profileHere();
  const doneThere = await there;
  await profileHere(); // a column the other thread gave back after this one had finished
  return { columns: profiles, threads: doneThere > 0 ? 2 : 1 };
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
