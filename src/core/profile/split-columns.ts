/*
 * Profiling on two threads: the column profiles are independent, so a second thread can profile
 * some columns while this one profiles the rest (profile.ts shares them out). The other thread receives copies of its columns;
 * the readings it sends back drop the arrays that are its copies of the columns (this thread has
 * the originals), so nothing column-sized is held twice. Pure: the thread is injected.
 */
import type { CancelToken } from '../cancel.ts';
import type { NumberFormat } from '../number-format.ts';
import type { Column } from '../table.ts';
import { profileColumn, type ColumnProfile } from './column-profile.ts';
import type { ColumnType } from './infer-type.ts';

/** Below this many rows one thread is as fast (copying columns to the other thread is not free). */
export const MIN_SPLIT_ROWS = 100_000;

/** Columns to profile on the other thread (copies), with their places in the table. */
export interface ColumnsRequest {
  readonly columns: readonly Column[];
  readonly indices: readonly number[];
  readonly rows: number;
  readonly format: NumberFormat;
  readonly types: readonly (ColumnType | undefined)[];
}

/** Profiles the request's columns there; rejects when it cannot (the caller then does them). */
export type ColumnsRunner = (request: ColumnsRequest, cancel?: CancelToken) => Promise<readonly ColumnProfile[]>;

/* A reading's arrays that are the column's own: sent back as this marker, put back on arrival. */
const SAME_AS_COLUMN = 'same-as-column';
type Shared = 'values' | 'codes' | 'dictionary';

function columnArray(column: Column, key: Shared): unknown {
  if (key === 'values') return column.kind === 'string' ? undefined : column.values;
  return column.kind === 'string' ? column[key] : undefined;
}

/* Replaces (or restores) the fields of `target` that are the column's own arrays. */
function swapShared(target: Record<string, unknown>, column: Column, restore: boolean): Record<string, unknown> {
  const out = { ...target };
  for (const key of ['values', 'codes', 'dictionary'] as const) {
    const own = columnArray(column, key);
    if (own === undefined) continue;
    if (!restore && out[key] === own) out[key] = SAME_AS_COLUMN;
    if (restore && out[key] === SAME_AS_COLUMN) out[key] = own;
  }
  return out;
}

function swapReading(profile: ColumnProfile, column: Column, restore: boolean): ColumnProfile {
  const reading = swapShared(profile.reading, column, restore);
  if (typeof reading.coded === 'object' && reading.coded !== null) {
    reading.coded = swapShared(reading.coded as Record<string, unknown>, column, restore);
  }
  return { ...profile, reading: reading as unknown as ColumnProfile['reading'] };
}

/** On the other thread: the request's profiles, without the arrays the caller already has. */
export function profileColumnsThere(request: ColumnsRequest): ColumnProfile[] {
  return request.columns.map((column, i) => {
    const profile = profileColumn(column, request.indices[i] ?? i, request.rows, request.format, request.types[i]);
    return swapReading(profile, column, false);
  });
}

/** Back on this thread: the profiles with the table's own column arrays put back. */
export function attachColumns(profiles: readonly ColumnProfile[], columns: readonly Column[]): ColumnProfile[] {
  return profiles.map((profile) => swapReading(profile, columns[profile.index] as Column, true));
}
