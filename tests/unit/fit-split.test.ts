/*
 * Choosing k on two threads (fit-split.ts): the second thread is played in-process, through the
 * same task runner and a structured clone both ways, as a message would carry it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterTable, type ClusteringResult } from '../../src/core/cluster/cluster.ts';
import { FIT_SPLIT_MIN_ROWS, runFitTask, type ClusterHelper, type FitTask } from '../../src/core/cluster/fit-split.ts';
import type { Fit } from '../../src/core/cluster/fit.ts';
import type { ColumnProfile } from '../../src/core/profile/column-profile.ts';
import { profileTable } from '../../src/core/profile/profile.ts';
import { createRandom } from '../../src/core/stats/random.ts';
import { startTf } from '../../workers/tf-init.ts';
import { runSecondTask } from '../../workers/second-thread-tasks.ts';
import { ingestText } from './helpers.ts';

beforeAll(async () => {
  expect((await startTf()).backend).toBe('wasm');
});

const OPTIONS = { nInit: 2, seed: 3 };

async function blobs(rows: number): Promise<readonly ColumnProfile[]> {
  const random = createRandom(5);
  const lines = ['x,y'];
  for (let i = 0; i < rows; i++) {
    const [cx, cy] = [(i % 3) * 5, (i % 2) * 4];
    lines.push(`${(cx + random() * 3).toFixed(3)},${(cy + random() * 3).toFixed(3)}`);
  }
  const ingested = await ingestText(lines.join('\n'));
  return (await profileTable(ingested.table, { format: { decimal: '.', thousands: '' } })).columns;
}

interface Played {
  readonly helper: ClusterHelper;
  readonly fitted: number[];
}

/* A second thread that answers `answers` fits (then fails), or never answers, or is not ready. */
function played(answers = Infinity, mode: 'answer' | 'never' | 'not ready' = 'answer'): Played {
  const fitted: number[] = [];
  const fit = async (task: FitTask): Promise<Fit> => {
    if (mode === 'never') return new Promise(() => undefined);
    if (fitted.length >= answers) throw new Error('second thread: gone');
    fitted.push(task.k);
    const { answer } = await runSecondTask(structuredClone(task), () => Promise.resolve(tf));
    if (!answer.ok) throw new Error(answer.message);
    return structuredClone(answer.value) as Fit;
  };
  return { fitted, helper: { isReady: () => mode !== 'not ready', warm: () => Promise.resolve(), fit } };
}

/* The clustering but for the thread count. */
const body = ({ threads: _threads, ...rest }: ClusteringResult): Omit<ClusteringResult, 'threads'> => rest;

describe('choosing k on two threads', () => {
  const rows = FIT_SPLIT_MIN_ROWS + 500;
  let profiles: readonly ColumnProfile[];
  let alone: ClusteringResult;

  beforeAll(async () => {
    profiles = await blobs(rows);
    alone = await clusterTable(tf, profiles, rows, OPTIONS);
  });

  it('fits some k on the second thread, largest first, with the same result', async () => {
    const { helper, fitted } = played();
    const result = await clusterTable(tf, profiles, rows, OPTIONS, {}, helper);
    expect(fitted.length).toBeGreaterThan(0);
    expect(fitted.length).toBeLessThan(9);
    expect(fitted[0]).toBe(9); // this thread took 10, the slowest
    expect(result.threads).toBe(2);
    expect(alone.threads).toBe(1);
    expect(body(result)).toEqual(body(alone));
  });

  it('fits here what the second thread gives back, or all of it when it is not ready or the matrix is small', async () => {
    const failsAfterOne = played(1);
    const result = await clusterTable(tf, profiles, rows, OPTIONS, {}, failsAfterOne.helper);
    expect(failsAfterOne.fitted).toHaveLength(1);
    expect(result.threads).toBe(2);
    expect(body(result)).toEqual(body(alone));
    const failing = played(0);
    expect(body(await clusterTable(tf, profiles, rows, OPTIONS, {}, failing.helper))).toEqual(body(alone));
    const notReady = played(Infinity, 'not ready');
    expect((await clusterTable(tf, profiles, rows, OPTIONS, {}, notReady.helper)).threads).toBe(1);
    expect(notReady.fitted).toHaveLength(0);
    const small = played();
    const few = FIT_SPLIT_MIN_ROWS - 1;
    await clusterTable(tf, await blobs(few), few, OPTIONS, {}, small.helper);
    expect(small.fitted).toHaveLength(0);
  });

  it('stops waiting for a silent second thread when the job is cancelled', async () => {
    const cancel = { aborted: false };
    // As SecondThread.call does: the call in flight rejects once the job is cancelled.
    const silent: ClusterHelper = {
      isReady: () => true,
      warm: () => Promise.resolve(),
      fit: (_task, token) =>
        new Promise((_resolve, reject) => {
          const poll = setInterval(() => {
            if (token?.aborted !== true) return;
            clearInterval(poll);
            reject(new Error('cancelled'));
          }, 5);
        }),
    };
    const yieldNow = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
    setTimeout(() => (cancel.aborted = true), 50);
    await expect(clusterTable(tf, profiles, rows, OPTIONS, { cancel, yieldNow }, silent)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('refuses a fit on another backend than the one asked for', async () => {
    const task: FitTask = {
      kind: 'cluster-fit',
      data: Float64Array.from([0, 1, 2, 3]),
      rows: 4,
      dims: 1,
      k: 2,
      settings: { nInit: 1, maxIter: 10, tol: 1e-4, seed: 0 },
      backend: 'webgl',
    };
    await expect(runFitTask(tf, task)).rejects.toThrow('runs TF.js on wasm, not webgl');
    expect((await runFitTask(tf, { ...task, backend: 'wasm' })).labels).toHaveLength(4);
  });
});
