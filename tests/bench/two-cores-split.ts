/*
 * Worker-thread machinery of two-cores.bench.ts: k-means iterations and a CSV parse split across
 * N worker threads (two-cores.worker.ts), each returning its times and how many cores the
 * process really kept busy (CPU time / wall time) — on a shared machine the second core may
 * simply not be free.
 */
import { Worker } from 'node:worker_threads';
import { timeRuns } from './bench-row.ts';
import { centroidsFrom, DIMS, ITERATIONS, K } from './kmeans-kernel.ts';
import type { SumsShared, WorkerRequest } from './two-cores.worker.ts';

/** Runs `run`, and says how many cores this process used on average meanwhile. */
export async function withCpu<T>(run: () => Promise<T>): Promise<{ value: T; coresBusy: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await run();
  const cpu = process.cpuUsage(cpu0);
  return { value, coresBusy: (cpu.user + cpu.system) / 1000 / (performance.now() - t0) };
}

const WORKER = new URL('./two-cores.worker.ts', import.meta.url);

function ask(worker: Worker, request: WorkerRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    worker.once('message', (value: number) => {
      worker.off('error', onError);
      resolve(value);
    });
    worker.once('error', onError);
    worker.postMessage(request);
  });
}

/** A worker of two-cores.worker.ts, once its modules are loaded. */
async function startWorker(shared: SumsShared | null): Promise<Worker> {
  // Node 20 does not pass `--import tsx` hooks to worker threads: register tsx inside the worker first.
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER.href)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: shared });
  await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return worker;
}

export function sharedCopy(data: Float64Array): Float64Array {
  const copy = new Float64Array(new SharedArrayBuffer(data.byteLength));
  copy.set(data);
  return copy;
}

/** ms per Lloyd iteration with the rows split across `threads` workers. */
export async function splitIterations(
  data: Float64Array,
  rows: number,
  init: Float64Array,
  threads: number,
  runs: number,
): Promise<{ times: number[]; final: Float64Array }> {
  const centroids = sharedCopy(init);
  const outs = Array.from({ length: threads }, () => new Float64Array(new SharedArrayBuffer((K * DIMS + K) * 8)));
  const workers = await Promise.all(
    outs.map((out) => {
      const shared: SumsShared = {
        data: data.buffer as SharedArrayBuffer,
        centroids: centroids.buffer as SharedArrayBuffer,
        out: out.buffer,
        dims: DIMS,
        k: K,
      };
      return startWorker(shared);
    }),
  );
  const bounds = Array.from({ length: threads + 1 }, (_, t) => Math.round((t * rows) / threads));
  const times = await timeRuns(
    runs,
    async () => {
      centroids.set(init);
      for (let i = 0; i < ITERATIONS; i++) {
        await Promise.all(
          workers.map((w, t) => ask(w, { kind: 'sums', from: bounds[t] ?? 0, to: bounds[t + 1] ?? 0 })),
        );
        const parts = outs.map((out) => ({ sums: out.subarray(0, K * DIMS), counts: out.subarray(K * DIMS) }));
        centroids.set(centroidsFrom(parts, centroids, K, DIMS));
      }
    },
    ITERATIONS,
  );
  await Promise.all(workers.map((w) => w.terminate()));
  return { times, final: centroids.slice() };
}

/** ms to parse `bytes` as `parts` line-aligned pieces in as many fresh workers at once; checks the row count. */
export async function splitParse(bytes: Uint8Array, parts: number, expectedRows: number): Promise<number> {
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  const header = bytes.indexOf(10) + 1;
  const cuts = [header];
  for (let p = 1; p < parts; p++) cuts.push(bytes.indexOf(10, Math.floor((p * bytes.length) / parts)) + 1);
  cuts.push(bytes.length);
  const workers = await Promise.all(Array.from({ length: parts }, () => startWorker(null)));
  const t0 = performance.now();
  const counts = await Promise.all(
    workers.map((w, p) =>
      ask(w, {
        kind: 'parse',
        bytes: shared.buffer,
        header,
        from: cuts[p] ?? 0,
        to: cuts[p + 1] ?? 0,
      }),
    ),
  );
  const ms = performance.now() - t0;
  await Promise.all(workers.map((w) => w.terminate()));
  const total = counts.reduce((a, b) => a + b, 0);
  if (total !== expectedRows) throw new Error(`split parse read ${total} rows, not ${expectedRows}`);
  return ms;
}
