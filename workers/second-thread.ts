/*
 * The analysis worker's second thread: a nested module worker (second.worker.ts) driven by
 * src/core/second-thread.ts. Pages are not cross-origin isolated, so a CSV range is copied into a
 * buffer of its own and transferred.
 */
import { createSecondThread, type ThreadPort } from '../src/core/second-thread.ts';
import {
  runnersOn,
  settledValue,
  taskMessage,
  type SecondAnswer,
  type SecondTask,
  type SecondThreadRunners,
} from './second-thread-tasks.ts';

function asPort(worker: Worker): ThreadPort {
  let settleTask: ((result: unknown) => void) | undefined;
  worker.addEventListener('message', (event: MessageEvent<SecondAnswer>) => settleTask?.(settledValue(event.data)));
  worker.addEventListener('error', (event) => settleTask?.(new Error(event.message || 'second worker failed')));
  worker.addEventListener('messageerror', () => settleTask?.(new Error('second worker sent an unreadable answer')));
  return {
    send(task, settle) {
      settleTask = settle;
      const { message, transfer } = taskMessage(task as SecondTask);
      worker.postMessage(message, transfer);
    },
    detach() {
      settleTask = undefined;
    },
    terminate() {
      worker.terminate();
      return undefined;
    },
  };
}

function startWorker(): Promise<ThreadPort> {
  const worker = new Worker(new URL('./second.worker.ts', import.meta.url), { type: 'module', name: 'second' });
  return new Promise((resolve, reject) => {
    worker.addEventListener('message', () => resolve(asPort(worker)), { once: true });
    worker.addEventListener('error', (event) => reject(new Error(event.message || 'second worker failed to start')), {
      once: true,
    });
  });
}

export function createBrowserSecondThread(): SecondThreadRunners | undefined {
  return typeof Worker === 'function' ? runnersOn(createSecondThread(startWorker)) : undefined;
}
