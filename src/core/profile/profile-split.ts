/*
 * The profile on two threads: work a second thread can do with a copy of a few columns, with no
 * state of its own. The host sends a task (a structured clone: plain data and typed arrays) and
 * gets the answer back; this module only says what a task is, how to run it, and which work to
 * hand over. A task that fails or never arrives is done here instead, so the report is the same
 * with one thread or two, bit for bit: both run the same code on the same values.
 */
import type { CancelToken } from '../cancel.ts';
import type { NumberFormat } from '../number-format.ts';
import { primeCountingSort } from '../stats/counting-sort.ts';
import type { NumberColumn, Table } from '../table.ts';
import { profileColumn, type ColumnProfile } from './column-profile.ts';
import { readNumeric } from './column-reading.ts';
import type { ColumnType } from './infer-type.ts';

/** Tables with fewer rows are profiled on one thread: copying and messaging would cost more. */
export const PROFILE_SPLIT_MIN_ROWS = 100_000;
/** Column copies handed over at most, in bytes: a very large table keeps more columns here. */
export const PROFILE_SPLIT_MAX_BYTES = 256 * 1024 * 1024;

/** Number columns for the second thread to profile: copies of their values. */
export interface ColumnsTask {
  readonly kind: 'profile-columns';
  readonly rows: number;
  readonly format: NumberFormat;
  readonly columns: readonly {
    readonly index: number;
    readonly name: string;
    readonly values: Float64Array;
    readonly override?: ColumnType;
  }[];
}

/** A column profile without its reading (the reading of a number column is its own values). */
export type DetachedProfile = Omit<ColumnProfile, 'reading'>;

/** Spearman's ρ of sampled numeric columns (see correlations.ts). */
export interface SpearmanTask {
  readonly kind: 'spearman';
  readonly sampled: readonly Float64Array[];
  readonly isComplete: readonly boolean[];
}

export type ProfileTask = ColumnsTask | SpearmanTask;

/** How the profile reaches a second thread: each call rejects when that thread cannot answer. */
export interface ProfileHelper {
  /** True once the thread has started: work is handed over only then, never waiting for a start. */
  readonly isReady: () => boolean;
  readonly profileColumns: (task: ColumnsTask, cancel?: CancelToken) => Promise<readonly DetachedProfile[]>;
  readonly spearman: (task: SpearmanTask, cancel?: CancelToken) => Promise<Float64Array>;
}

/** A second thread's answer, or undefined when it has none (the work is then done here). */
export async function answerOf<T>(pending: Promise<T> | undefined): Promise<T | undefined> {
  return pending?.then(
    (value) => value,
    () => undefined,
  );
}

/** Runs a columns task where it lands: each column's profile, its reading left out. */
export function runColumnsTask(task: ColumnsTask): DetachedProfile[] {
  primeCountingSort(); // once per thread: see there
  return task.columns.map(({ index, name, values, override }) => {
    const column: NumberColumn = { kind: 'number', name, values };
    const { reading: _reading, ...rest } = profileColumn(column, index, task.rows, task.format, override);
    return rest;
  });
}

/** The type the user chose for a column, if any. */
export function overrideOf(types: Readonly<Record<string, ColumnType>>, name: string): ColumnType | undefined {
  return Object.hasOwn(types, name) ? types[name] : undefined;
}

/* A number column read as numbers: its profile's reading is the column's own values. */
function isSplittable(column: Table['columns'][number], override: ColumnType | undefined): column is NumberColumn {
  return column.kind === 'number' && (override === undefined || override === 'integer' || override === 'numeric');
}

/**
 * The columns to hand over: the last ⌊k/2⌋ of the k number columns read as numbers, as many as
 * {@link PROFILE_SPLIT_MAX_BYTES} of copies allow. The rest stay, with every text and date column,
 * and the second thread takes Spearman later: on a 2-core VM the other thread runs slower (it
 * starts cold, and its copies of the columns are fresh memory), so it gets the smaller share. None
 * below {@link PROFILE_SPLIT_MIN_ROWS} rows or with fewer than two such columns.
 */
export function columnsToHandOver(table: Table, types: Readonly<Record<string, ColumnType>>): number[] {
  if (table.rowCount < PROFILE_SPLIT_MIN_ROWS) return [];
  const numbers = table.columns.flatMap((column, index) =>
    isSplittable(column, overrideOf(types, column.name)) ? [index] : [],
  );
  const fits = Math.floor(PROFILE_SPLIT_MAX_BYTES / (table.rowCount * Float64Array.BYTES_PER_ELEMENT));
  return numbers.length < 2 ? [] : numbers.slice(Math.ceil(numbers.length / 2)).slice(0, fits);
}

/** The task for `indices` (from {@link columnsToHandOver}). */
export function columnsTask(
  table: Table,
  indices: readonly number[],
  format: NumberFormat,
  types: Readonly<Record<string, ColumnType>>,
): ColumnsTask {
  const columns = indices.map((index) => {
    const column = table.columns[index] as NumberColumn;
    const override = overrideOf(types, column.name);
    return { index, name: column.name, values: column.values, ...(override === undefined ? {} : { override }) };
  });
  return { kind: 'profile-columns', rows: table.rowCount, format, columns };
}

/** A handed-over profile with its reading restored, as profileColumn reads a number column. */
export function attachReading(profile: DetachedProfile, column: NumberColumn, format: NumberFormat): ColumnProfile {
  return { ...profile, reading: readNumeric(column, format) };
}
