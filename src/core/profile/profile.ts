import { AnalysisError } from '../errors.ts';
import { throwIfCancelled } from '../cancel.ts';
import type { JobHooks } from '../job.ts';
import { otherDecimalSign, type NumberFormat } from '../number-format.ts';
import { primeCountingSort } from '../stats/counting-sort.ts';
import type { Column, NumberColumn, Table } from '../table.ts';
import { collectAlerts, type Alert } from './alerts.ts';
import { profileColumn, type ColumnProfile } from './column-profile.ts';
import { otherDecimalShare } from './column-reading.ts';
import { correlate, type CorrelationSummary } from './correlations.ts';
import { findDuplicates, type DuplicateSummary } from './duplicates.ts';
import { COLUMN_TYPES, type ColumnType } from './infer-type.ts';
import { summarizeMissing, type MissingSummary } from './missing.ts';
import {
  answerOf,
  attachReading,
  columnsTask,
  columnsToHandOver,
  overrideOf,
  type ProfileHelper,
} from './profile-split.ts';

export interface ProfileOptions {
  /** How numbers are written in the file (to read text columns the user switches to numeric). */
  readonly format: NumberFormat;
  /** Types chosen by the user, by column name; the rest are inferred. */
  readonly types?: Readonly<Record<string, ColumnType>>;
}

export interface TableProfile {
  /** Threads that did the work: 2 when a second thread answered part of it. */
  readonly threads: 1 | 2;
  readonly columns: readonly ColumnProfile[];
  readonly duplicates: DuplicateSummary;
  readonly missing: MissingSummary;
  readonly correlations: CorrelationSummary;
  readonly alerts: readonly Alert[];
}

function checkTypes(table: Table, types: Readonly<Record<string, ColumnType>>): void {
  const names = new Set(table.columns.map((c) => c.name));
  for (const [name, type] of Object.entries(types)) {
    if (!names.has(name)) {
      const message = {
        en: `There is no column "${name}" to set the type of.`,
        es: `No hay ninguna columna «${name}» a la que cambiar el tipo.`,
      };
      throw new AnalysisError('INVALID_OPTION', message, { column: name });
    }
    // Types can arrive from JSON (embed API): check them at runtime despite the static type.
    const typeName: unknown = type;
    if (typeof typeName !== 'string' || !(COLUMN_TYPES as readonly string[]).includes(typeName)) {
      const shown = typeof typeName === 'string' ? typeName : JSON.stringify(typeName);
      const message = {
        en: `"${shown}" is not a type: use one of ${COLUMN_TYPES.join(', ')}.`,
        es: `«${shown}» no es un tipo: usa uno de ${COLUMN_TYPES.join(', ')}.`,
      };
      throw new AnalysisError('INVALID_OPTION', message, { type: shown });
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

/*
 * Every column's profile, in order. With a ready `helper`, some number columns of a large table
 * (columnsToHandOver) are profiled on the second thread meanwhile (here when it cannot answer).
 */
async function profileColumns(
  table: Table,
  options: ProfileOptions,
  hooks: JobHooks,
  helper: ProfileHelper | undefined,
): Promise<{ columns: ColumnProfile[]; helped: boolean }> {
  const types = options.types ?? {};
  const handOver = helper?.isReady() === true ? columnsToHandOver(table, types) : [];
  const away =
    handOver.length === 0
      ? undefined
      : answerOf(helper?.profileColumns(columnsTask(table, handOver, options.format, types), hooks.cancel));
  await Promise.resolve(); // lets the task go out before the work below
  const columns: ColumnProfile[] = [];
  const total = table.columns.length + 2;
  let done = 0;
  const profileHere = (index: number): ColumnProfile => {
    const column = table.columns[index] as Column;
    return profileColumn(column, index, table.rowCount, options.format, overrideOf(types, column.name));
  };
  for (const index of table.columns.keys()) {
    if (handOver.includes(index)) continue;
    throwIfCancelled(hooks.cancel);
    columns[index] = profileHere(index);
    hooks.onProgress?.({ stage: 'profile', done: ++done, total });
    if (hooks.yieldNow !== undefined) await hooks.yieldNow();
  }
  const answered = await away;
  throwIfCancelled(hooks.cancel);
  handOver.forEach((index, k) => {
    const profile = answered?.[k];
    columns[index] =
      profile === undefined
        ? profileHere(index)
        : attachReading(profile, table.columns[index] as NumberColumn, options.format);
    hooks.onProgress?.({ stage: 'profile', done: ++done, total });
  });
  return { columns, helped: answered !== undefined };
}

/**
 * Profiles every column (type, statistics, distribution, outliers), then the table: duplicate
 * rows, missing-value structure, correlations and alerts. Reports progress per column, checks
 * cancel and yields between columns. Deterministic: the only sampling (Spearman) is seeded. With
 * a `helper` (a second thread), part of the work runs there, with the same result.
 */
export async function profileTable(
  table: Table,
  options: ProfileOptions,
  hooks: JobHooks = {},
  helper?: ProfileHelper,
): Promise<TableProfile> {
  checkTypes(table, options.types ?? {});
  primeCountingSort(); // once per thread: see there
  const { columns, helped } = await profileColumns(table, options, hooks, helper);
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
  const ready = helper?.isReady() === true ? helper : undefined;
  const { correlations, helped: helpedToo } = await correlate(columns, table.rowCount, ready, hooks.cancel);
  const numericCells = table.columns.map((c) => (c.kind === 'string' ? c.numericCells : 0));
  const otherDecimal = (p: ColumnProfile): { share: number; decimal: string } | undefined => {
    const share = otherDecimalShare(table.columns[p.index] as Column, options.format);
    return share === 0 ? undefined : { share, decimal: otherDecimalSign(options.format).decimal };
  };
  const alerts = collectAlerts(
    columns,
    table.rowCount,
    duplicates.duplicateRows,
    correlations,
    numericCells,
    otherDecimal,
  );
  hooks.onProgress?.({ stage: 'profile', done: total, total });
  return { threads: helped || helpedToo ? 2 : 1, columns, duplicates, missing, correlations, alerts };
}
