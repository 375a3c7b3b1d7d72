/*
 * The analysis worker's second thread for large CSV/TSV files: a nested module worker
 * (range.worker.ts) driven by src/ingest/range-runner.ts. Pages are not cross-origin isolated,
 * so the range's bytes are copied into a buffer of their own and transferred.
 */
import { createRangeThreads, type RangeThread, type RangeThreads } from '../src/ingest/range-runner.ts';
import { ownRange, type RangePart } from '../src/ingest/split-delimited.ts';

function asThread(worker: Worker): RangeThread {
  let settleRequest: ((result: RangePart | Error) => void) | undefined;
  worker.addEventListener('message', (event: MessageEvent<RangePart>) => settleRequest?.(event.data));
  worker.addEventListener('error', (event) => settleRequest?.(new Error(event.message || 'range worker failed')));
  worker.addEventListener('messageerror', () => settleRequest?.(new Error('range worker sent an unreadable part')));
  return {
    send(request, settle) {
      settleRequest = settle;
      const own = ownRange(request);
      worker.postMessage(own.request, [own.buffer]);
    },
    detach() {
      settleRequest = undefined;
    },
    terminate() {
      worker.terminate();
      return undefined;
    },
  };
}

function startWorker(): Promise<RangeThread> {
  const worker = new Worker(new URL('./range.worker.ts', import.meta.url), { type: 'module', name: 'range' });
  return new Promise((resolve, reject) => {
    worker.addEventListener('message', () => resolve(asThread(worker)), { once: true });
    worker.addEventListener('error', (event) => reject(new Error(event.message || 'range worker failed to start')), {
      once: true,
    });
  });
}

export function createBrowserRangeThreads(): RangeThreads | undefined {
  return typeof Worker === 'function' ? createRangeThreads(startWorker) : undefined;
}
