/*
 * A nested worker of the analysis worker: reads the second half of a large CSV (parseRowRange)
 * and sends its columns back, transferring their buffers. Driven by range-worker.ts.
 */
import { parseRowRange, partBuffers, type RangeRequest } from '../src/ingest/split-delimited.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (event: MessageEvent<RangeRequest>) => {
  const part = parseRowRange(event.data);
  scope.postMessage(part, partBuffers(part) as ArrayBuffer[]);
});
scope.postMessage('ready');
