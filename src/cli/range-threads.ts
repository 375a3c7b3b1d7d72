/*
 * The CLI's second thread for reading large CSV/TSV files: a worker thread (range-thread.ts)
 * driven by src/ingest/range-runner.ts. The file's bytes are shared when they live in a
 * SharedArrayBuffer (the CLI reads large files into one), copied otherwise.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createRangeThreads, type RangeThread, type RangeThreads } from '../ingest/range-runner.ts';
import { ownRange, type RangePart, type RangeRequest } from '../ingest/split-delimited.ts';

const ENTRY = new URL('./range-thread.ts', import.meta.url);

/* tsx's ESM API entry, from its own exports map (its CommonJS entry cannot register ESM hooks). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } }>;
  };
  return new URL(exports['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs', pathToFileURL(manifest)).href;
}

function shareOrCopy(request: RangeRequest): { request: RangeRequest; transfer: ArrayBuffer[] } {
  if (request.bytes.buffer instanceof SharedArrayBuffer) return { request, transfer: [] };
  const own = ownRange(request);
  return { request: own.request, transfer: [own.buffer] };
}

function asThread(worker: Worker): RangeThread {
  let listeners: { message: (part: RangePart) => void; error: (error: Error) => void; exit: (code: number) => void };
  return {
    send(request, settle) {
      listeners = {
        message: (part) => settle(part),
        error: (error) => settle(error),
        exit: (code) => settle(new Error(`range thread exited (${code})`)),
      };
      worker.on('message', listeners.message).on('error', listeners.error).on('exit', listeners.exit).ref();
      const message = shareOrCopy(request);
      worker.postMessage(message.request, message.transfer);
    },
    detach() {
      worker.off('message', listeners.message).off('error', listeners.error).off('exit', listeners.exit).unref();
    },
    terminate: () => worker.terminate(),
  };
}

/* Node 20 does not hand `tsx` loader hooks to worker threads: the thread registers tsx itself. */
function startThread(): Promise<RangeThread> {
  const code = `import(${JSON.stringify(tsxEsmApi())}).then((t) => { t.register(); return import(${JSON.stringify(ENTRY.href)}); })`;
  const worker = new Worker(code, { eval: true });
  worker.unref(); // an idle thread never keeps the CLI alive
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve(asThread(worker)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`range thread exited (${code}) before it was ready`)));
  });
}

export function createCliRangeThreads(): RangeThreads {
  return createRangeThreads(startThread);
}
