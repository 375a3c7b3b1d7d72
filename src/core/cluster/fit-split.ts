/*
 * Choosing k on two threads: the fits of the candidate k are independent (each k has its own
 * seeded restarts), so a second thread with the same TF.js backend takes some of them, pulling the
 * next k as it answers while this thread fits the others. A fit that fails there, or a thread
 * that is not there, means the fit runs here: the same code on the same values and backend, so
 * the fits, and the report, are the same bit for bit with one thread or two.
 */
import type { CancelToken } from '../cancel.ts';
import { fitBest, type Fit, type FitSettings, type ProgressHooks } from './fit.ts';
import type { Tf } from './lloyd.ts';
import type { FeatureMatrix } from './preprocess.ts';

/** Below this many rows the fits are quick: they stay on one thread. */
export const FIT_SPLIT_MIN_ROWS = 10_000;

/** The fit of one k for the second thread: a copy of the matrix, and the backend it must use. */
export interface FitTask {
  readonly kind: 'cluster-fit';
  readonly data: Float64Array;
  readonly rows: number;
  readonly dims: number;
  readonly k: number;
  readonly settings: FitSettings;
  /** The backend this thread fits on: a thread on another one refuses (its numbers could differ). */
  readonly backend: string;
}

/** How clustering reaches a second thread: `fit` rejects when that thread cannot answer. */
export interface ClusterHelper {
  readonly isReady: () => boolean;
  /** Starts the thread; settles once it is ready (or could not start). */
  readonly warm: () => Promise<void>;
  readonly fit: (task: FitTask, cancel?: CancelToken) => Promise<Fit>;
}

const NO_HOOKS: ProgressHooks = { tick: () => undefined, report: () => undefined, yieldSometimes: () => undefined };

/** Runs a fit task where it lands, on `tf` (its backend already started). */
export async function runFitTask(tf: Tf, task: FitTask): Promise<Fit> {
  if (tf.getBackend() !== task.backend) {
    throw new Error(`this thread runs TF.js on ${tf.getBackend()}, not ${task.backend}`);
  }
  return fitBest(tf, { data: task.data, rows: task.rows, dims: task.dims }, task.k, task.settings, NO_HOOKS);
}

type Matrix = Pick<FeatureMatrix, 'data' | 'rows' | 'dims'>;

/*
 * The second thread's share: while k remain, it takes the next and fits it; a failure (or a cancel)
 * ends its share and gives its k back. Never rejects.
 */
async function helperShare(
  helper: ClusterHelper,
  task: (k: number) => FitTask,
  queue: number[],
  fits: Map<number, Fit>,
  hooks: ProgressHooks,
): Promise<void> {
  await helper.warm();
  if (!helper.isReady()) return;
  for (let k = queue.shift(); k !== undefined; k = queue.shift()) {
    try {
      fits.set(k, await helper.fit(task(k), hooks.cancel));
      for (let r = 0; r < task(k).settings.nInit; r++) hooks.tick(); // its restarts, all at once
    } catch {
      queue.push(k); // fitted here instead (or, when the job was cancelled, not at all: this thread stops)
      return;
    }
  }
}

/**
 * The best fit of every k in `ks` on `m`: here, and on `helper` too when there is one and the
 * matrix is large enough. The largest k (the slowest fits) go first, so the two shares end close
 * together. The fits are keyed by k, in the order of `ks`; `threads` says whether the second
 * thread fitted any.
 */
export async function fitAll(
  tf: Tf,
  m: Matrix,
  ks: readonly number[],
  settings: FitSettings,
  hooks: ProgressHooks,
  helper?: ClusterHelper,
): Promise<{ fits: Map<number, Fit>; threads: 1 | 2 }> {
  const queue = [...ks].sort((a, b) => b - a);
  const fits = new Map<number, Fit>();
  const here = new Set<number>();
  const split = helper !== undefined && m.rows >= FIT_SPLIT_MIN_ROWS && ks.length >= 2;
  const backend = tf.getBackend();
  const task = (k: number): FitTask => ({
    kind: 'cluster-fit',
    data: m.data,
    rows: m.rows,
    dims: m.dims,
    k,
    settings,
    backend,
  });
  const away = split ? helperShare(helper, task, queue, fits, hooks) : undefined;
  const fitHere = async (): Promise<void> => {
    for (let k = queue.shift(); k !== undefined; k = queue.shift()) {
      here.add(k);
      fits.set(k, await fitBest(tf, m, k, settings, hooks));
    }
  };
  try {
    await fitHere();
  } catch (error) {
    queue.length = 0; // the job has failed: the second thread takes no further k
    throw error;
  }
  await away;
  await fitHere(); // k the second thread gave back after this thread had finished its own
  return { fits: new Map(ks.map((k) => [k, fits.get(k) as Fit])), threads: here.size < ks.length ? 2 : 1 };
}
