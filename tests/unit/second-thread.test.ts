/*
 * The second thread: the host-independent part (start once, reuse, restart after a failure,
 * cancel even before the thread is ready), the split parse's fallback when the other half never
 * comes, and the split profile (the same profiles, the column arrays not held twice). The real
 * threads are covered by the CLI test below and by tests/e2e/two-threads.e2e.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { ColumnProfile } from '../../src/core/profile/column-profile.ts';
import { profileTable } from '../../src/core/profile/profile.ts';
import { profileColumnsThere, type ColumnsRequest } from '../../src/core/profile/split-columns.ts';
import type { Column, Table } from '../../src/core/table.ts';
import { createSecondThread, type ThreadPort } from '../../src/core/second-thread.ts';
import { runSecondTask, settledValue, type SecondTask } from '../../workers/second-thread-tasks.ts';
import {
  parseDelimitedBytesSplit,
  parseRowRange,
  type RangePart,
  type RangeRequest,
} from '../../src/ingest/split-delimited.ts';
import { parseDelimitedBytes } from '../../src/ingest/fast-delimited.ts';
import { sniffDialect } from '../../src/ingest/sniff.ts';
import { DEFAULT_MISSING_TOKENS } from '../../src/ingest/options.ts';

const CSV = ['id,x,label', ...Array.from({ length: 300 }, (_, i) => `${i},${i / 4},"l ${i % 7}"`), ''].join('\n');
const BYTES = new TextEncoder().encode(CSV);
const DIALECT = sniffDialect(CSV.slice(0, 4096), {});
const LIMITS = { missingTokens: new Set(DEFAULT_MISSING_TOKENS), maxColumns: 50, maxFieldChars: 1000, headerRow: 1 };
const SPLIT = { minSplitBytes: 0, sampleBytes: 16, minWaitMs: 30 };

/** A thread answering in-process with parseRowRange, or with `answer` when given. */
function fakePort(log: string[], answer?: (request: RangeRequest) => RangePart | Error | 'never'): ThreadPort {
  return {
    send(task, settle) {
      log.push('send');
      const { request } = task as { request: RangeRequest };
      const result = answer === undefined ? parseRowRange(request) : answer(request);
      if (result !== 'never') setTimeout(() => settle(result), 1);
    },
    detach: () => log.push('detach'),
    terminate: () => {
      log.push('terminate');
      return undefined;
    },
  };
}

function task(): { kind: 'range'; request: RangeRequest } {
  const request = {
    bytes: BYTES,
    encoding: 'utf-8' as const,
    dialect: DIALECT,
    limits: LIMITS,
    names: [],
    textColumns: [],
    start: 0,
    end: 0,
  };
  return { kind: 'range', request };
}

describe('second thread', () => {
  it('starts one thread on warm() and reuses it for every task', async () => {
    const log: string[] = [];
    let starts = 0;
    const thread = createSecondThread(() => (starts++, Promise.resolve(fakePort(log))));
    void thread.warm();
    await thread.warm();
    await thread.call(task());
    await thread.call(task());
    expect(starts).toBe(1);
    expect(log).toEqual(['send', 'detach', 'send', 'detach']);
    await thread.close();
    expect(log.at(-1)).toBe('terminate');
  });

  it('rejects a failed task, terminates that thread and starts a fresh one next time', async () => {
    const log: string[] = [];
    let starts = 0;
    const thread = createSecondThread(() => {
      starts++;
      return Promise.resolve(
        fakePort(log, (request) => (starts === 1 ? new Error('out of memory') : parseRowRange(request))),
      );
    });
    await expect(thread.call(task())).rejects.toThrow('out of memory');
    expect(log).toContain('terminate');
    await expect(thread.call(task())).resolves.toMatchObject({ ok: true });
    expect(starts).toBe(2);
  });

  it('gives up on cancel, even while the thread is still starting', async () => {
    const thread = createSecondThread(() => new Promise<ThreadPort>(() => undefined));
    const cancel = { aborted: false };
    const pending = thread.call(task(), cancel);
    cancel.aborted = true;
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects, rather than hangs, when sending the task throws', async () => {
    const port: ThreadPort = {
      send: () => {
        throw new ReferenceError('SharedArrayBuffer is not defined');
      },
      detach: () => undefined,
      terminate: () => undefined,
    };
    const thread = createSecondThread(() => Promise.resolve(port));
    await expect(thread.call(task())).rejects.toThrow('SharedArrayBuffer is not defined');
  });

  it('gives up on a thread that fails to start', async () => {
    const thread = createSecondThread(() => Promise.reject(new Error('workers are blocked')));
    await expect(thread.call(task())).rejects.toThrow('workers are blocked');
  });

  it('answers a thread task as a value, and a failure inside the thread as an Error', () => {
    const { answer } = runSecondTask(task());
    expect(settledValue(answer)).toMatchObject({ ok: true });
    const broken = { kind: 'columns', request: { columns: [null], indices: [0], rows: 1, types: [] } };
    expect(settledValue(runSecondTask(broken as unknown as SecondTask).answer)).toBeInstanceOf(Error);
  });
});

describe('split parse with a runner that does not deliver', () => {
  const one = (): Promise<unknown> => parseDelimitedBytes(BYTES, 'utf-8', DIALECT, LIMITS);

  it('reads the other half itself when the runner never answers, and stops the runner', async () => {
    const seen: { aborted: boolean }[] = [];
    const never = (_: RangeRequest, cancel?: { aborted: boolean }): Promise<RangePart> => {
      if (cancel !== undefined) seen.push(cancel);
      return new Promise(() => undefined);
    };
    const split = await parseDelimitedBytesSplit(BYTES, 'utf-8', DIALECT, LIMITS, never, {}, SPLIT);
    expect(split).toEqual(await one());
    expect(split?.threads).toBeUndefined();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.aborted).toBe(true);
  });

  it('reads the other half itself when the runner fails', async () => {
    const failing = (): Promise<RangePart> => Promise.reject(new Error('crashed'));
    const split = await parseDelimitedBytesSplit(BYTES, 'utf-8', DIALECT, LIMITS, failing, {}, SPLIT);
    expect(split).toEqual(await one());
  });

  it('merges the runner half and says so', async () => {
    const split = await parseDelimitedBytesSplit(
      BYTES,
      'utf-8',
      DIALECT,
      LIMITS,
      (r) => Promise.resolve(parseRowRange(r)),
      {},
      SPLIT,
    );
    const { threads, ...table } = split ?? {};
    expect(threads).toBe(2);
    expect(table).toEqual(await one());
  });

  it('reports progress that never goes backwards and ends at the file end', async () => {
    const done: number[] = [];
    const hooks = { onProgress: (event: { done: number; total: number }) => done.push(event.done / event.total) };
    const slow = (r: RangeRequest): Promise<RangePart> =>
      new Promise((resolve) => setTimeout(() => resolve(parseRowRange(r)), 5));
    await parseDelimitedBytesSplit(BYTES, 'utf-8', DIALECT, LIMITS, slow, hooks, { ...SPLIT, minWaitMs: 1000 });
    expect(done.at(-1)).toBe(1);
    expect(done.every((d, i) => i === 0 || d >= (done[i - 1] ?? 0))).toBe(true);
  });
});

describe('the CLI reads and profiles a large CSV on two worker threads', () => {
  it('gives the same report with --threads 2 as with --threads 1, and says how many threads did the work', async () => {
    const rows = Array.from(
      { length: 400_000 },
      (_, i) => `${i},${(i * 7919) % 1000}.25,"t ${i % 13}",${i % 2 ? 'yes' : 'no'}`,
    );
    const path = join(mkdtempSync(join(tmpdir(), 'smartdata-threads-')), 'big.csv');
    writeFileSync(path, ['id,amount,tag,flag', ...rows, ''].join('\n'));
    const reports = [];
    for (const threads of ['1', '2']) {
      let stdout = '';
      const io = { stdout: (t: string) => (stdout += t), stderr: () => undefined, isStderrTty: false, version: 'x' };
      expect(await main(['analyze', path, '--no-cluster', '--threads', threads], io)).toBe(0);
      reports.push(
        JSON.parse(stdout) as { timings: unknown; engine: { parseThreads: number; profileThreads: number } },
      );
    }
    const [single, double] = reports;
    expect(single?.engine).toMatchObject({ parseThreads: 1, profileThreads: 1 });
    expect(double?.engine).toMatchObject({ parseThreads: 2, profileThreads: 2 });
    expect({ ...double, timings: null, engine: null }).toEqual({ ...single, timings: null, engine: null });
  });
});

describe('profile split over two threads', () => {
  const n = 120_000; // over MIN_SPLIT_ROWS
  const table = (): Table => {
    const num = (name: string, f: (i: number) => number): Column => ({
      name,
      kind: 'number',
      values: Float64Array.from({ length: n }, (_, i) => f(i)),
    });
    const dictionary = ['rojo', 'verde', 'azul', '12', '7'];
    const text: Column = {
      name: 'tag',
      kind: 'string',
      codes: Int32Array.from({ length: n }, (_, i) => (i % 11 === 0 ? -1 : i % 5)),
      dictionary,
      numericCells: 0,
    };
    return {
      rowCount: n,
      columns: [
        num('id', (i) => i),
        num('a', (i) => Math.sin(i) * 100),
        num('b', (i) => (i % 13 === 0 ? NaN : (i * 7919) % 1000)),
        text,
        num('c', (i) => Math.sqrt(i)),
      ],
    };
  };
  const format = { decimal: '.', thousands: '' } as const;
  // The other thread gets copies, as a real post would give it.
  const inProcess = (request: ColumnsRequest): Promise<ColumnProfile[]> =>
    Promise.resolve(profileColumnsThere(structuredClone(request)));

  it('gives the profile one thread gives, with the table’s own arrays in the readings', async () => {
    const t = table();
    const one = await profileTable(t, { format });
    const two = await profileTable(t, { format }, { profileColumns: inProcess });
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect({ ...two, threads: 1 }).toEqual(one);
    for (const i of t.columns.keys()) {
      const column = t.columns[i] as Column;
      const reading = two.columns[i]?.reading as { values?: unknown; codes?: unknown };
      expect(reading.values ?? reading.codes).toBe(column.kind === 'string' ? column.codes : column.values);
    }
  });

  it('profiles those columns here when the other thread fails, or the table is small', async () => {
    const t = table();
    const failing = (): Promise<ColumnProfile[]> => Promise.reject(new Error('crashed'));
    const one = await profileTable(t, { format });
    expect(await profileTable(t, { format }, { profileColumns: failing })).toEqual(one);
    let asked = 0;
    const counting = (r: ColumnsRequest): Promise<ColumnProfile[]> => (asked++, inProcess(r));
    const small: Table = { rowCount: 10, columns: t.columns.map((c) => ({ ...c, ...slice(c, 10) })) as Column[] };
    expect((await profileTable(small, { format }, { profileColumns: counting })).threads).toBe(1);
    expect(asked).toBe(0);
  });

  it('shares the columns out by speed: a slow other thread does few, a failing one gives its column back', async () => {
    const t = table();
    const one = await profileTable(t, { format });
    const asked: number[] = [];
    const slow = async (r: ColumnsRequest): Promise<ColumnProfile[]> => {
      asked.push(...r.indices);
      await new Promise((resolve) => setTimeout(resolve, 400));
      return inProcess(r);
    };
    const two = await profileTable(t, { format }, { profileColumns: slow });
    expect({ ...two, threads: 1 }).toEqual(one);
    expect(asked[0]).toBe(t.columns.length - 1); // the other thread takes from the back
    expect(asked.length).toBeLessThan(t.columns.length);
    let calls = 0;
    const failsSecond = (r: ColumnsRequest): Promise<ColumnProfile[]> =>
      ++calls === 2 ? Promise.reject(new Error('crashed')) : inProcess(r);
    const mixed = await profileTable(t, { format }, { profileColumns: failsSecond });
    expect(mixed.threads).toBe(2);
    expect({ ...mixed, threads: 1 }).toEqual(one);
  });
});

function slice(column: Column, rows: number): Partial<Column> {
  return column.kind === 'string' ? { codes: column.codes.slice(0, rows) } : { values: column.values.slice(0, rows) };
}
