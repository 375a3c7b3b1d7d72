/*
 * The CLI's second thread: a worker thread (second-thread-entry.ts) driven by
 * src/core/second-thread.ts. A large file's bytes are shared when they live in a SharedArrayBuffer
 * (the CLI reads large files into one), copied otherwise.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createSecondThread, type ThreadPort } from '../core/second-thread.ts';
import {
  runnersOn,
  settledValue,
  taskMessage,
  type SecondAnswer,
  type SecondTask,
  type SecondThreadRunners,
} from '../../workers/second-thread-tasks.ts';

const ENTRY = new URL('./second-thread-entry.ts', import.meta.url);

/* tsx's ESM API entry, from its own exports map (its CommonJS entry cannot register ESM hooks). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } }>;
  };
  return new URL(exports['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs', pathToFileURL(manifest)).href;
}

function asPort(worker: Worker): ThreadPort {
  let listeners: {
    message: (answer: SecondAnswer) => void;
    error: (error: Error) => void;
    exit: (code: number) => void;
  };
  return {
    send(task, settle) {
      listeners = {
        message: (answer) => settle(settledValue(answer)),
        error: (error) => settle(error),
        exit: (code) => settle(new Error(`second thread exited (${code})`)),
      };
      worker.on('message', listeners.message).on('error', listeners.error).on('exit', listeners.exit).ref();
      const { message, transfer } = taskMessage(task as SecondTask);
      worker.postMessage(message, transfer);
    },
    detach() {
      worker.off('message', listeners.message).off('error', listeners.error).off('exit', listeners.exit).unref();
    },
    terminate: () => worker.terminate(),
  };
}

/* Node 20 does not hand `tsx` loader hooks to worker threads: the thread registers tsx itself. */
function startThread(): Promise<ThreadPort> {
  const code = `import(${JSON.stringify(tsxEsmApi())}).then((t) => { t.register(); return import(${JSON.stringify(ENTRY.href)}); })`;
  const worker = new Worker(code, { eval: true });
  worker.unref(); // an idle thread never keeps the CLI alive
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve(asPort(worker)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`second thread exited (${code}) before it was ready`)));
  });
}

export function createCliSecondThread(): SecondThreadRunners {
  return runnersOn(createSecondThread(startThread));
}
