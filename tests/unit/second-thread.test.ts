/*
 * The second thread: the host-independent part (start once, reuse, restart after a failure,
 * cancel even before the thread is ready) and the split parse's fallback when the other half never
 * comes. The real threads are covered by the CLI test below and by tests/e2e/two-threads.e2e.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { FIT_SPLIT_MIN_ROWS } from '../../src/core/cluster/fit-split.ts';
import { createSecondThread, type ThreadPort } from '../../src/core/second-thread.ts';
import { runSecondTask, settledValue } from '../../workers/second-thread-tasks.ts';
import {
  parseDelimitedBytes,
  parseRowRange,
  type RangePart,
  type RangeRequest,
} from '../../src/ingest/split-delimited.ts';
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
      const request = task as RangeRequest;
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

function task(): RangeRequest {
  return {
    bytes: BYTES,
    encoding: 'utf-8' as const,
    dialect: DIALECT,
    limits: LIMITS,
    names: [],
    textColumns: [],
    start: 0,
    end: 0,
  };
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

  it('sends one task at a time: a second one waits, and each caller gets its own answer', async () => {
    const log: string[] = [];
    const answer = (request: RangeRequest): RangePart => ({ start: request.start }) as unknown as RangePart;
    const thread = createSecondThread(() => Promise.resolve(fakePort(log, answer)));
    await thread.warm();
    const first = thread.call({ ...task(), start: 1 });
    const second = thread.call({ ...task(), start: 2 });
    expect(await Promise.all([first, second])).toEqual([{ start: 1 }, { start: 2 }]);
    expect(log).toEqual(['send', 'detach', 'send', 'detach']); // never two sends in a row
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

  it('answers a thread task as a value, and a failure inside the thread as an Error', async () => {
    const noTf = (): never => {
      throw new Error('a range task needs no TF.js');
    };
    const { answer } = await runSecondTask(task(), noTf);
    expect(settledValue(answer)).toMatchObject({ ok: true });
    const broken = { ...task(), names: null } as unknown as RangeRequest; // parseRowRange throws on it
    expect(settledValue((await runSecondTask(broken, noTf)).answer)).toBeInstanceOf(Error);
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
    const split = await parseDelimitedBytes(BYTES, 'utf-8', DIALECT, LIMITS, {}, { ...SPLIT, runRange: never });
    expect(split).toEqual(await one());
    expect(split?.threads).toBeUndefined();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.aborted).toBe(true);
  });

  it('reads the other half itself when the runner fails', async () => {
    const failing = (): Promise<RangePart> => Promise.reject(new Error('crashed'));
    const split = await parseDelimitedBytes(BYTES, 'utf-8', DIALECT, LIMITS, {}, { ...SPLIT, runRange: failing });
    expect(split).toEqual(await one());
  });

  it('merges the runner half and says so', async () => {
    const split = await parseDelimitedBytes(
      BYTES,
      'utf-8',
      DIALECT,
      LIMITS,
      {},
      {
        ...SPLIT,
        runRange: (r) => Promise.resolve(parseRowRange(r)),
      },
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
    await parseDelimitedBytes(BYTES, 'utf-8', DIALECT, LIMITS, hooks, { ...SPLIT, minWaitMs: 1000, runRange: slow });
    expect(done.at(-1)).toBe(1);
    expect(done.every((d, i) => i === 0 || d >= (done[i - 1] ?? 0))).toBe(true);
  });
});

interface ThreadsReport {
  readonly timings: unknown;
  readonly engine: { parseThreads: number; profileThreads: number; clusterThreads?: number };
  readonly clustering: unknown;
}

/* The CLI's reports of a generated file (header + lines) with --threads 1, then 2. */
async function reportsByThreads(name: string, lines: readonly string[], args: readonly string[]) {
  const path = join(mkdtempSync(join(tmpdir(), 'smartdata-threads-')), name);
  writeFileSync(path, [...lines, ''].join('\n'));
  const reports: ThreadsReport[] = [];
  for (const threads of ['1', '2']) {
    let stdout = '';
    const io = { stdout: (t: string) => (stdout += t), stderr: () => undefined, isStderrTty: false, version: 'x' };
    expect(await main(['analyze', path, ...args, '--threads', threads], io)).toBe(0);
    reports.push(JSON.parse(stdout) as ThreadsReport);
  }
  const [single, double] = reports as [ThreadsReport, ThreadsReport];
  expect({ ...double, timings: null, engine: null }).toEqual({ ...single, timings: null, engine: null });
  return { single, double };
}

describe('the CLI reads and profiles a large CSV on two worker threads', () => {
  it('gives the same report with --threads 2 as with --threads 1, and says how many threads read and profiled it', async () => {
    const rows = Array.from(
      { length: 400_000 },
      (_, i) => `${i},${(i * 7919) % 1000}.25,"t ${i % 13}",${i % 2 ? 'yes' : 'no'}`,
    );
    const { single, double } = await reportsByThreads('big.csv', ['id,amount,tag,flag', ...rows], ['--no-cluster']);
    expect(single.engine).toMatchObject({ parseThreads: 1, profileThreads: 1 });
    expect(double.engine).toMatchObject({ parseThreads: 2, profileThreads: 2 });
  });

  it('clusters the same with --threads 2, the second thread fitting some k with its own TF.js', async () => {
    const rows = Array.from({ length: FIT_SPLIT_MIN_ROWS + 1000 }, (_, i) => {
      const [cx, cy] = [(i % 3) * 4, (i % 2) * 3];
      return `${(cx + ((i * 7919) % 1000) / 400).toFixed(3)},${(cy + ((i * 104729) % 997) / 400).toFixed(3)}`;
    });
    const { single, double } = await reportsByThreads('points.csv', ['x,y', ...rows], []);
    expect(single.engine.clusterThreads).toBe(1);
    expect(double.engine.clusterThreads).toBe(2);
    expect(double.clustering).not.toBeNull();
  }, 60_000);
});
