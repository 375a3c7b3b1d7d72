/*
 * The profile on two threads, with the second thread played in-process: each task goes through
 * structuredClone (as a message would) and runSecondTask. The profile must be the same whether
 * the helper answers, fails, is not ready, or the table is small; a cancel while the helper works
 * still cancels. The real threads: the CLI test in second-thread.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/core/cancel.ts';
import {
  columnsToHandOver,
  PROFILE_SPLIT_MAX_BYTES,
  PROFILE_SPLIT_MIN_ROWS,
  type ColumnsTask,
  type DetachedProfile,
  type ProfileHelper,
  type SpearmanTask,
} from '../../src/core/profile/profile-split.ts';
import { profileTable, type TableProfile } from '../../src/core/profile/profile.ts';
import { createRandom } from '../../src/core/stats/random.ts';
import type { Table } from '../../src/core/table.ts';
import { runSecondTask, type SecondTask } from '../../workers/second-thread-tasks.ts';

const FORMAT = { decimal: '.', thousands: '' } as const;

/** Five number columns (ties, decimals, missing cells), a text and a yes/no column. */
function tableOf(rows: number): Table {
  const random = createRandom(7);
  const numbers = (make: (i: number) => number): Float64Array => Float64Array.from({ length: rows }, (_, i) => make(i));
  return {
    rowCount: rows,
    columns: [
      { kind: 'number', name: 'id', values: numbers((i) => i) },
      { kind: 'number', name: 'price', values: numbers(() => Math.round(random() * 1e5) / 100) },
      { kind: 'number', name: 'gappy', values: numbers((i) => (i % 17 === 0 ? NaN : random() * 50)) },
      { kind: 'number', name: 'small', values: numbers(() => Math.floor(random() * 6)) },
      { kind: 'number', name: 'wide', values: numbers(() => (random() - 0.5) * 1e9) },
      {
        kind: 'string',
        name: 'colour',
        codes: Int32Array.from({ length: rows }, (_, i) => (i % 29 === 0 ? -1 : i % 3)),
        dictionary: ['red', 'green', 'blue'],
        numericCells: 0,
      },
      {
        kind: 'string',
        name: 'ok',
        codes: Int32Array.from({ length: rows }, () => (random() < 0.3 ? 1 : 0)),
        dictionary: ['yes', 'no'],
        numericCells: 0,
      },
    ],
  };
}

const noTf = (): never => {
  throw new Error('a profile task needs no TF.js');
};

interface Played {
  readonly helper: ProfileHelper;
  readonly tasks: SecondTask[];
}

/* A helper answering in-process through a message-like copy, or failing / never answering. */
function played(mode: 'answer' | 'fail' | 'never' = 'answer', ready = true): Played {
  const tasks: SecondTask[] = [];
  const run = async (task: SecondTask): Promise<unknown> => {
    tasks.push(task);
    if (mode === 'fail') throw new Error('second thread: gone');
    if (mode === 'never') return new Promise(() => undefined);
    const { answer } = await runSecondTask(structuredClone(task), noTf);
    if (!answer.ok) throw new Error(answer.message);
    return structuredClone(answer.value);
  };
  return {
    tasks,
    helper: {
      isReady: () => ready,
      profileColumns: (task: ColumnsTask) => run(task) as Promise<DetachedProfile[]>,
      spearman: (task: SpearmanTask) => run(task) as Promise<Float64Array>,
    },
  };
}

const TABLE = tableOf(PROFILE_SPLIT_MIN_ROWS + 1234);
const ALONE = await profileTable(TABLE, { format: FORMAT });

/* The profile but for the thread count. */
const body = ({ threads: _threads, ...rest }: TableProfile): Omit<TableProfile, 'threads'> => rest;

describe('the profile on two threads', () => {
  it('hands the later number columns and Spearman to the second thread, with the same result', async () => {
    const { helper, tasks } = played();
    const profile = await profileTable(TABLE, { format: FORMAT }, {}, helper);
    expect(tasks.map((t) => ('kind' in t ? t.kind : 'range'))).toEqual(['profile-columns', 'spearman']);
    const columnsTask = tasks[0] as ColumnsTask;
    expect(columnsTask.columns.map((c) => c.name)).toEqual(['small', 'wide']);
    expect(profile.threads).toBe(2);
    expect(ALONE.threads).toBe(1);
    expect(body(profile)).toEqual(body(ALONE));
    // A handed-over column's reading is the table's own array again, not the copy that came back.
    const wide = profile.columns[4]?.reading;
    expect(wide?.kind === 'numeric' && wide.values).toBe(
      TABLE.columns[4]?.kind === 'number' && TABLE.columns[4].values,
    );
  });

  it('does the work itself when the second thread fails, is not ready, or the table is small', async () => {
    const failing = played('fail');
    expect(body(await profileTable(TABLE, { format: FORMAT }, {}, failing.helper))).toEqual(body(ALONE));
    expect(failing.tasks).toHaveLength(2);
    const notReady = played('answer', false);
    const profile = await profileTable(TABLE, { format: FORMAT }, {}, notReady.helper);
    expect(notReady.tasks).toHaveLength(0);
    expect(profile.threads).toBe(1);
    const small = tableOf(PROFILE_SPLIT_MIN_ROWS - 1);
    const helped = played();
    await profileTable(small, { format: FORMAT }, {}, helped.helper);
    expect(helped.tasks).toHaveLength(0);
  });

  it('keeps a number column the user reads as text, and honours a numeric type on the other thread', async () => {
    const { helper, tasks } = played();
    const types = { wide: 'text', small: 'integer' } as const;
    const profile = await profileTable(TABLE, { format: FORMAT, types }, {}, helper);
    expect((tasks[0] as ColumnsTask).columns.map((c) => [c.name, c.override])).toEqual([
      ['gappy', undefined],
      ['small', 'integer'],
    ]);
    expect(body(profile)).toEqual(body(await profileTable(TABLE, { format: FORMAT, types })));
  });

  it('hands over no more column copies than its memory bound allows', () => {
    const wide = (rows: number): Table => ({
      rowCount: rows,
      columns: Array.from({ length: 20 }, (_, i) => ({ kind: 'number', name: `n${i}`, values: new Float64Array(0) })),
    });
    expect(columnsToHandOver(wide(1_000_000), {})).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    // 8 bytes a cell: 4 columns of 8M rows fit the bound, 10 would not.
    const rows = PROFILE_SPLIT_MAX_BYTES / 8 / 4;
    expect(columnsToHandOver(wide(rows), {})).toEqual([10, 11, 12, 13]);
    expect(columnsToHandOver(wide(PROFILE_SPLIT_MAX_BYTES), {})).toEqual([]);
  });

  it('still cancels while it waits for the second thread', async () => {
    const cancel = { aborted: false };
    const { helper } = played('never');
    // As the real thread does: a task in flight rejects once the job is cancelled.
    const cancellable = <T>(): Promise<T> =>
      new Promise<T>((_, reject) => {
        const poll = setInterval(() => cancel.aborted && (clearInterval(poll), reject(new CancelledError())), 1);
      });
    const onProgress = ({ done }: { done: number }): void => {
      if (done === 5) cancel.aborted = true; // after the five columns kept on this thread
    };
    const pending = profileTable(
      TABLE,
      { format: FORMAT },
      { cancel, onProgress },
      {
        ...helper,
        profileColumns: () => cancellable(),
        spearman: () => cancellable(),
      },
    );
    await expect(pending).rejects.toThrow(CancelledError);
  });
});
