/*
 * The CLI's second thread, as a worker thread: reads the second half of a large CSV and does parts
 * of a large table's profile (see workers/second-thread-tasks.ts). Started by second-thread.ts.
 */
import { parentPort } from 'node:worker_threads';
import { runSecondTask, type SecondTask } from '../../workers/second-thread-tasks.ts';

const port = parentPort;
if (port === null) throw new Error('second-thread-entry.ts runs only as a worker thread');
port.on('message', (task: SecondTask) => {
  const { answer, transfer } = runSecondTask(task);
  port.postMessage(answer, transfer);
});
port.postMessage('ready');
