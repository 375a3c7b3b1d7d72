/*
 * 50 analyses in a row in one page, through the UI (drop, parse, profile, cluster, show): TF.js
 * tensors must come back to their baseline after every one, and the worker's and the page's heaps
 * (after a forced GC, read over the DevTools protocol) must not grow with the number of runs.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { workbook } from '../unit/hostile-corpus.ts';
import { openSession, type Session } from './browser.ts';

const baseUrl = inject('baseUrl');
const RUNS = 50;
/** Warm-up runs include the first XLSX (run 9), whose SheetJS chunk stays loaded (~1.5 MiB). */
const WARM_UP = 10;
const ROWS = 1_000;
const MiB = 1024 * 1024;
/**
 * One table of these files is ~40 KB of typed arrays, so keeping every run's table would add
 * 40 × 40 KB ≈ 1.6 MiB over the measured runs (a kept report, with histograms and PCA, more).
 * Measured without a leak: +0.2 MiB in the worker and +0.3 MiB in the page over those 40 runs.
 */
const MAX_HEAP_GROWTH_BYTES = 1 * MiB;

interface Heap {
  readonly usedSize: number;
  readonly backingStorageSize?: number;
}

let session: Session | undefined;
afterAll(async () => session?.close());

/** Run `n`: its own numbers (three groups), a text column, and every tenth one an XLSX. */
function fileFor(n: number): { name: string; bytes: Buffer } {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const g = (i * 7 + n) % 3;
    return [g * 5 + ((i * 13 + n) % 10) / 10, (i * 31 + n) % 97, g * 2 + (i % 5) / 5, (i + n) % 11, `t${(i + n) % 4}`];
  });
  const header = ['x', 'y', 'z', 'w', 'label'];
  if (n % 10 === 9) return { name: `run-${n}.xlsx`, bytes: Buffer.from(workbook([header, ...rows])) };
  const csv = [header, ...rows].map((r) => r.join(',')).join('\n');
  return { name: `run-${n}.csv`, bytes: Buffer.from(`${csv}\n`) };
}

async function analyse(page: Page, n: number): Promise<void> {
  const { name, bytes } = fileFor(n);
  const dataTransfer = await page.evaluateHandle(
    ({ name, base64 }) => {
      const binary = atob(base64);
      const data = Uint8Array.from(binary, (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name));
      return transfer;
    },
    { name, base64: bytes.toString('base64') },
  );
  await page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer });
  await page.getByTestId('file-name').getByText(name, { exact: true }).waitFor({ timeout: 60_000 });
  await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 60_000 });
  expect(await page.getByTestId('row-count').textContent()).toBe('1,000');
  expect(await page.getByTestId('cluster-k').count()).toBe(1);
}

/** A DevTools session on the analysis worker (the non-flat protocol: messages wrapped by the page session). */
async function workerProtocol(cdp: CDPSession): Promise<(method: string) => Promise<unknown>> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'worker' && t.url.includes('analysis.worker'));
  if (worker === undefined) throw new Error('no analysis worker target');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  const pending = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  let nextId = 0;
  return (method) =>
    new Promise((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
}

function heapBytes(heap: Heap): number {
  return heap.usedSize + (heap.backingStorageSize ?? 0);
}

async function tensors(page: Page): Promise<{ numTensors: number; numBytes: number }> {
  const worker = page.workers().find((w) => w.url().includes('analysis.worker'));
  if (worker === undefined) throw new Error('no analysis worker');
  // tfjs-core keeps its engine on the global object (tf.memory() reads the same one).
  return worker.evaluate(() => {
    const engine = (self as unknown as { _tfengine: { memory: () => { numTensors: number; numBytes: number } } })
      ._tfengine;
    const { numTensors, numBytes } = engine.memory();
    return { numTensors, numBytes };
  });
}

describe('50 analyses in one page', () => {
  it('leave no tensor behind and no growing heap, in the worker or the page', async () => {
    session = await openSession();
    const { page, context } = session;
    await page.goto(baseUrl);
    for (let n = 0; n < WARM_UP; n++) await analyse(page, n);
    const cdp = await context.newCDPSession(page);
    const inWorker = await workerProtocol(cdp);
    const measure = async (): Promise<{ worker: number; page: number }> => {
      await inWorker('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return {
        worker: heapBytes((await inWorker('Runtime.getHeapUsage')) as Heap),
        page: heapBytes(await cdp.send('Runtime.getHeapUsage')),
      };
    };
    const baseTensors = await tensors(page);
    const baseHeap = await measure();
    const workerUrl = page
      .workers()
      .find((w) => w.url().includes('analysis.worker'))
      ?.url();
    for (let n = WARM_UP; n < RUNS; n++) {
      await analyse(page, n);
      expect(await tensors(page)).toEqual(baseTensors);
    }
    const endHeap = await measure();
    const growth = { worker: endHeap.worker - baseHeap.worker, page: endHeap.page - baseHeap.page };
    console.log(
      `leaks (browser): ${RUNS} analyses in one page, tensors ${baseTensors.numTensors} (${baseTensors.numBytes} bytes) after each; ` +
        `heap after GC from run ${WARM_UP} to ${RUNS}: worker ${(baseHeap.worker / MiB).toFixed(2)} → ${(endHeap.worker / MiB).toFixed(2)} MiB, ` +
        `page ${(baseHeap.page / MiB).toFixed(2)} → ${(endHeap.page / MiB).toFixed(2)} MiB (bound +${MAX_HEAP_GROWTH_BYTES / MiB} MiB each)`,
    );
    expect(page.workers().filter((w) => w.url().includes('analysis.worker'))).toHaveLength(1);
    expect(page.workers()[0]?.url()).toBe(workerUrl);
    expect(growth.worker).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
    expect(growth.page).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
  });
});
