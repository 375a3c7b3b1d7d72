/*
 * What the second thread does (the second half of a large CSV, parts of a large table's profile,
 * some of the k-means fits), shared by the app's nested worker and the CLI's worker thread, and
 * the runners that ingest, the profile and clustering are handed.
 */
import { runFitTask, type ClusterHelper, type FitTask } from '../src/core/cluster/fit-split.ts';
import type { Fit } from '../src/core/cluster/fit.ts';
import type { Tf } from '../src/core/cluster/lloyd.ts';
import { spearmanOfSampled } from '../src/core/profile/correlations.ts';
import {
  runColumnsTask,
  type DetachedProfile,
  type ProfileHelper,
  type ProfileTask,
} from '../src/core/profile/profile-split.ts';
import type { SecondThread } from '../src/core/second-thread.ts';
import {
  ownRange,
  parseRowRange,
  partBuffers,
  type RangePart,
  type RangeRequest,
  type RangeRunner,
} from '../src/ingest/split-delimited.ts';

/** The thread's answer to a task; `ok: false` carries why it failed. */
export type SecondAnswer =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** What the second thread is asked: a CSV range, a part of the profile, or the fit of one k. */
export type SecondTask = RangeRequest | ProfileTask | FitTask;

/** TF.js with its backend started, loaded by the thread on its first fit (how depends on the host). */
export type TfStarter = () => Promise<Tf>;

const isKindTask = (task: SecondTask): task is ProfileTask | FitTask => 'kind' in task;

/* The task's result and the buffers of it that are its own (transferred back, not copied). */
async function runTask(task: SecondTask, startTf: TfStarter): Promise<{ value: unknown; transfer: ArrayBuffer[] }> {
  if (!isKindTask(task)) {
    const part = parseRowRange(task);
    return { value: part, transfer: partBuffers(part) as ArrayBuffer[] };
  }
  if (task.kind === 'profile-columns') return { value: runColumnsTask(task), transfer: [] };
  if (task.kind === 'cluster-fit') {
    const fit = await runFitTask(await startTf(), task);
    return { value: fit, transfer: [fit.centroids.buffer as ArrayBuffer, fit.labels.buffer as ArrayBuffer] };
  }
  const matrix = spearmanOfSampled(task.sampled, task.isComplete);
  return { value: matrix, transfer: [matrix.buffer as ArrayBuffer] };
}

/** Runs one task on the second thread: the answer and the buffers to transfer back with it. */
export async function runSecondTask(
  task: SecondTask,
  startTf: TfStarter,
): Promise<{ answer: SecondAnswer; transfer: ArrayBuffer[] }> {
  try {
    const { value, transfer } = await runTask(task, startTf);
    return { answer: { ok: true, value }, transfer };
  } catch (error) {
    return { answer: { ok: false, message: error instanceof Error ? error.message : String(error) }, transfer: [] };
  }
}

/**
 * A task as a message: a CSV range without shared memory is copied into a buffer of its own and
 * transferred (the rest of the file is not needed there). A profile task is copied: its columns
 * stay the table's here.
 */
export function taskMessage(task: SecondTask): { message: SecondTask; transfer: ArrayBuffer[] } {
  if (isKindTask(task)) return { message: task, transfer: [] };
  // Pages that are not cross-origin isolated have no SharedArrayBuffer at all.
  const shared = typeof SharedArrayBuffer === 'function' && task.bytes.buffer instanceof SharedArrayBuffer;
  if (shared) return { message: task, transfer: [] };
  const own = ownRange(task);
  return { message: own.request, transfer: [own.buffer] };
}

/** The thread's answer as what `settle` takes: the value, or an Error. */
export function settledValue(answer: SecondAnswer): unknown {
  return answer.ok ? answer.value : new Error(`second thread: ${answer.message}`);
}

export interface SecondThreadRunners {
  readonly runRange: RangeRunner;
  /** Parts of the profile of a large table (see profile-split.ts). */
  readonly profile: ProfileHelper;
  /** Some of the fits that choose k (see fit-split.ts). */
  readonly cluster: ClusterHelper;
  readonly warm: () => Promise<void>;
  readonly close: () => Promise<void>;
}

export function runnersOn(thread: SecondThread): SecondThreadRunners {
  return {
    runRange: async (request, cancel) => (await thread.call(request, cancel)) as RangePart,
    profile: {
      isReady: thread.isReady,
      profileColumns: async (task, cancel) => (await thread.call(task, cancel)) as DetachedProfile[],
      spearman: async (task, cancel) => (await thread.call(task, cancel)) as Float64Array,
    },
    cluster: {
      isReady: thread.isReady,
      warm: thread.warm,
      fit: async (task, cancel) => (await thread.call(task, cancel)) as Fit,
    },
    warm: thread.warm,
    close: thread.close,
  };
}
