/*
 * What the second thread does (the second half of a large CSV), shared by the app's nested worker
 * and the CLI's worker thread, and the runner that ingest is handed.
 */
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

/** Runs one task on the second thread: the answer and the buffers to transfer back with it. */
export function runSecondTask(request: RangeRequest): { answer: SecondAnswer; transfer: ArrayBuffer[] } {
  try {
    const part = parseRowRange(request);
    return { answer: { ok: true, value: part }, transfer: partBuffers(part) as ArrayBuffer[] };
  } catch (error) {
    return { answer: { ok: false, message: error instanceof Error ? error.message : String(error) }, transfer: [] };
  }
}

/**
 * A task as a message: a CSV range without shared memory is copied into a buffer of its own and
 * transferred (the rest of the file is not needed there).
 */
export function taskMessage(request: RangeRequest): { message: RangeRequest; transfer: ArrayBuffer[] } {
  // Pages that are not cross-origin isolated have no SharedArrayBuffer at all.
  const shared = typeof SharedArrayBuffer === 'function' && request.bytes.buffer instanceof SharedArrayBuffer;
  if (shared) return { message: request, transfer: [] };
  const own = ownRange(request);
  return { message: own.request, transfer: [own.buffer] };
}

/** The thread's answer as what `settle` takes: the value, or an Error. */
export function settledValue(answer: SecondAnswer): unknown {
  return answer.ok ? answer.value : new Error(`second thread: ${answer.message}`);
}

export interface SecondThreadRunners {
  readonly runRange: RangeRunner;
  readonly warm: () => Promise<void>;
  readonly close: () => Promise<void>;
}

export function runnersOn(thread: SecondThread): SecondThreadRunners {
  return {
    runRange: async (request, cancel) => (await thread.call(request, cancel)) as RangePart,
    warm: thread.warm,
    close: thread.close,
  };
}
