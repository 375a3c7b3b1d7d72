/*
 * A nested worker of the analysis worker: the second thread, reading the second half of a large
 * CSV (see second-thread-tasks.ts). Answers one task at a time, transferring its buffers.
 */
import type { RangeRequest } from '../src/ingest/split-delimited.ts';
import { runSecondTask } from './second-thread-tasks.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (event: MessageEvent<RangeRequest>) => {
  const { answer, transfer } = runSecondTask(event.data);
  scope.postMessage(answer, transfer);
});
scope.postMessage('ready');
