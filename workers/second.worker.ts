/*
 * A nested worker of the analysis worker: the second thread, reading the second half of a large
 * CSV, doing parts of a large table's profile and some of the k-means fits (see
 * second-thread-tasks.ts). Answers one task at a time, transferring its buffers. TF.js is loaded
 * on the first fit only.
 */
import type { Tf } from '../src/core/cluster/lloyd.ts';
import { runSecondTask, type SecondTask } from './second-thread-tasks.ts';

let tf: Promise<Tf> | undefined;
const startTf = (): Promise<Tf> =>
  (tf ??= import('./tf-backend.ts').then(async ({ initBrowserBackend }) => {
    await initBrowserBackend();
    return import('@tensorflow/tfjs-core');
  }));

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (event: MessageEvent<SecondTask>) => {
  void runSecondTask(event.data, startTf).then(({ answer, transfer }) => scope.postMessage(answer, transfer));
});
scope.postMessage('ready');
