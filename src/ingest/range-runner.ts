/*
 * The host-independent part of reading a CSV range on a second thread (see split-delimited.ts):
 * one thread, started early and reused, one request at a time. A request that fails, or whose job
 * is cancelled, terminates the thread and rejects (the caller then reads the range itself); the
 * next request starts a fresh thread. Hosts (the CLI's worker_threads, the app's nested Web
 * Worker) supply only how to start a thread and talk to it.
 */
import { CancelledError } from '../core/cancel.ts';
import type { RangePart, RangeRequest, RangeRunner } from './split-delimited.ts';

/** How often a request in flight looks at its cancel token. */
const CANCEL_POLL_MS = 20;

/** A started thread, as a host sees it. */
export interface RangeThread {
  /** Sends one request; `settle` must be called once, with the part or with why there is none. */
  readonly send: (request: RangeRequest, settle: (result: RangePart | Error) => void) => void;
  /** Stops listening for the request in flight (it was settled or cancelled). */
  readonly detach: () => void;
  readonly terminate: () => Promise<unknown> | undefined;
}

export interface RangeThreads {
  readonly run: RangeRunner;
  /** Starts the thread now, so that it is ready when the split point is reached; settles once it is (or failed). */
  readonly warm: () => Promise<void>;
  readonly close: () => Promise<void>;
}

export function createRangeThreads(start: () => Promise<RangeThread>): RangeThreads {
  let thread: Promise<RangeThread> | undefined;
  const started = (): Promise<RangeThread> => (thread ??= start());
  const close = async (): Promise<void> => {
    const current = thread;
    thread = undefined;
    await current?.then((t) => t.terminate()).catch(() => undefined);
  };
  // Cancel is watched from the start, so a thread that never gets ready cannot hold the caller.
  const run: RangeRunner = (request, cancel) =>
    new Promise<RangePart>((resolve, reject) => {
      let sentTo: RangeThread | undefined;
      let settled = false;
      const settle = (result: RangePart | Error): void => {
        if (settled) return;
        settled = true;
        clearInterval(poll);
        sentTo?.detach();
        if (!(result instanceof Error)) return resolve(result);
        void close();
        reject(result);
      };
      const poll = setInterval(() => cancel?.aborted === true && settle(new CancelledError()), CANCEL_POLL_MS);
      started().then(
        (ready) => {
          if (settled) return;
          sentTo = ready;
          ready.send(request, settle);
        },
        (error: unknown) => settle(error instanceof Error ? error : new Error(String(error))),
      );
    });
  const warm = (): Promise<void> =>
    started().then(
      () => undefined,
      () => undefined,
    );
  return { run, warm, close };
}
