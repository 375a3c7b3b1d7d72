/*
 * The CLI's second thread, as a worker thread: reads the second half of a large CSV, does parts of
 * a large table's profile and some of the k-means fits (see workers/second-thread-tasks.ts).
 * Started by second-thread.ts. TF.js is loaded on the first fit only.
 */
import { parentPort } from 'node:worker_threads';
import type { Tf } from '../core/cluster/lloyd.ts';
import { runSecondTask, type SecondTask } from '../../workers/second-thread-tasks.ts';

let tf: Promise<Tf> | undefined;
const startTf = (): Promise<Tf> =>
  (tf ??= import('../../workers/tf-init.ts').then(async ({ startTf: start }) => {
    await start();
    return import('@tensorflow/tfjs-core');
  }));

const port = parentPort;
if (port === null) throw new Error('second-thread-entry.ts runs only as a worker thread');
port.on('message', (task: SecondTask) => {
  void runSecondTask(task, startTf).then(({ answer, transfer }) => port.postMessage(answer, transfer));
});
port.postMessage('ready');
