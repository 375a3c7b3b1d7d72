/*
 * The CLI's second thread, as a worker thread: reads the second half of a large CSV (see
 * workers/second-thread-tasks.ts). Started by second-thread.ts.
 */
import { parentPort } from 'node:worker_threads';
import type { RangeRequest } from '../ingest/split-delimited.ts';
import { runSecondTask } from '../../workers/second-thread-tasks.ts';

const port = parentPort;
if (port === null) throw new Error('second-thread-entry.ts runs only as a worker thread');
port.on('message', (request: RangeRequest) => {
  const { answer, transfer } = runSecondTask(request);
  port.postMessage(answer, transfer);
});
port.postMessage('ready');
