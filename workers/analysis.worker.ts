/*
 * Worker entry: expose the analysis service over comlink and nothing else. Progress callbacks
 * arrive as comlink proxies; they are released when their call settles so ports do not leak.
 */
import { expose, releaseProxy, type Remote } from 'comlink';
import type { ProgressCallback } from '../src/core/progress.ts';
import type { AnalysisApi } from './api.ts';
import { createAnalysisService } from './analysis-service.ts';
import { createBrowserSecondThread } from './second-thread.ts';
import { initBrowserBackend } from './tf-backend.ts';

/*
 * One turn of the event loop, so that a cancel (or a second thread's answer) gets in. A message on
 * a channel of our own, not setTimeout(0): nested timers wait at least 4 ms each, a tenth of the
 * clustering time at one yield per 30 ms.
 */
const turns = new MessageChannel();
const waiting: (() => void)[] = [];
turns.port1.onmessage = () => waiting.shift()?.();
function yieldNow(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    turns.port2.postMessage(null);
  });
}

const service = createAnalysisService({
  initBackend: initBrowserBackend,
  // A second core takes half of a large file's work; on one core the two halves would only take turns.
  secondThread: navigator.hardwareConcurrency >= 2 ? createBrowserSecondThread() : undefined,
  version: __APP_VERSION__,
  yieldNow,
});

function release(callback: ((value: never) => void) | undefined): void {
  if (callback !== undefined) (callback as unknown as Remote<ProgressCallback>)[releaseProxy]();
}

const api = {
  ...service,
  async parse(jobId, file, fileName, options, onProgress) {
    try {
      return await service.parse(jobId, file, fileName, options, onProgress);
    } finally {
      release(onProgress);
    }
  },
  async analyze(jobId, handle, options, onProgress, onProfiled) {
    try {
      return await service.analyze(jobId, handle, options, onProgress, onProfiled);
    } finally {
      release(onProgress);
      release(onProfiled);
    }
  },
} satisfies AnalysisApi;

expose(api);
