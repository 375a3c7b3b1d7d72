/*
 * A nested worker of the analysis worker: the second thread, reading the second half of a large
 * CSV and doing parts of a large table's profile (see second-thread-tasks.ts). Answers one task
 * at a time, transferring its buffers.
 */
import { runSecondTask, type SecondTask } from './second-thread-tasks.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (event: MessageEvent<SecondTask>) => {
  const { answer, transfer } = runSecondTask(event.data);
  scope.postMessage(answer, transfer);
});
scope.postMessage('ready');
