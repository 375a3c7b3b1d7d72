/*
 * A worker thread of the CLI: reads the second half of a large CSV (parseRowRange) and sends its
 * columns back, transferring their buffers. Started by range-threads.ts.
 */
import { parentPort } from 'node:worker_threads';
import { parseRowRange, partBuffers, type RangeRequest } from '../ingest/split-delimited.ts';

const port = parentPort;
if (port === null) throw new Error('range-thread.ts runs only as a worker thread');
port.on('message', (request: RangeRequest) => {
  const part = parseRowRange(request);
  port.postMessage(part, partBuffers(part) as ArrayBuffer[]);
});
port.postMessage('ready');
