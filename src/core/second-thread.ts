/*
 * A second thread for work that splits in two (the second half of a large CSV, parts of a large
 * table's profile), independent of how the host makes threads: one thread, started early and
 * reused, one task at a time (a task sent while another is in flight waits for its turn). A task that fails, or whose job is cancelled, terminates the thread and rejects
 * (the caller then does that work itself); the next task starts a fresh thread. Hosts (the CLI's
 * worker_threads, the app's nested Web Worker) supply only how to start a thread and talk to it.
 */
import { CancelledError, type CancelToken } from './cancel.ts';

/** How often a task in flight looks at its cancel token. */
const CANCEL_POLL_MS = 20;

/** A started thread, as a host sees it. */
export interface ThreadPort {
  /** Sends one task; `settle` must be called once, with the answer or with why there is none. */
  readonly send: (task: unknown, settle: (result: unknown) => void) => void;
  /** Stops listening for the task in flight (it was settled or cancelled). */
  readonly detach: () => void;
  readonly terminate: () => Promise<unknown> | undefined;
}

export interface SecondThread {
  /** Runs one task there; rejects when it fails or `cancel` is set meanwhile. */
  readonly call: (task: unknown, cancel?: CancelToken) => Promise<unknown>;
  /** Starts the thread now, so that it is ready when work arrives; settles once it is (or failed). */
  readonly warm: () => Promise<void>;
  /** True while a started thread is ready for tasks (work that must not wait for a start checks it). */
  readonly isReady: () => boolean;
  readonly close: () => Promise<void>;
}

/*
 * One task on the thread `started` gives. Cancel is watched from the start, so a thread that never
 * gets ready cannot hold the caller; a failure closes the thread (`close`). `release` is called as
 * the task settles, before its caller hears of it, so the next task can go out at once.
 */
function callOn(
  started: () => Promise<ThreadPort>,
  close: () => Promise<void>,
  task: unknown,
  cancel: CancelToken | undefined,
  release: () => void,
): Promise<unknown> {
  return new Promise<unknown>((resolve, reject) => {
    let sentTo: ThreadPort | undefined;
    let settled = false;
    const settle = (result: unknown): void => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      sentTo?.detach();
      if (!(result instanceof Error)) {
        release();
        return resolve(result);
      }
      void close(); // forgets this thread at once: the next task starts a fresh one
      release();
      reject(result);
    };
    const poll = setInterval(() => cancel?.aborted === true && settle(new CancelledError()), CANCEL_POLL_MS);
    started().then(
      (ready) => {
        if (settled) return;
        sentTo = ready;
        try {
          ready.send(task, settle);
        } catch (error) {
          settle(error instanceof Error ? error : new Error(String(error)));
        }
      },
      (error: unknown) => settle(error instanceof Error ? error : new Error(String(error))),
    );
  });
}

export function createSecondThread(start: () => Promise<ThreadPort>): SecondThread {
  let thread: Promise<ThreadPort> | undefined;
  let ready = false;
  const started = (): Promise<ThreadPort> => {
    if (thread === undefined) {
      const starting: Promise<ThreadPort> = start().then((port) => {
        ready = thread === starting; // not a thread closed meanwhile
        return port;
      });
      thread = starting;
    }
    return thread;
  };
  const close = async (): Promise<void> => {
    const current = thread;
    thread = undefined;
    ready = false;
    await current?.then((t) => t.terminate()).catch(() => undefined);
  };
  const warm = (): Promise<void> =>
    started().then(
      () => undefined,
      () => undefined,
    );
  // One task at a time: a port answers the task in flight, so a second one waits for its turn.
  let busy = false;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) busy = false;
    else next();
  };
  const call = (task: unknown, cancel?: CancelToken): Promise<unknown> => {
    const run = (): Promise<unknown> => callOn(started, close, task, cancel, release);
    if (!busy) {
      busy = true;
      return run(); // sent without a detour through the microtask queue: the caller works on meanwhile
    }
    return new Promise((resolve, reject) => waiting.push(() => void run().then(resolve, reject)));
  };
  return { call, warm, isReady: () => ready, close };
}
