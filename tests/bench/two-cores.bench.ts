/*
 * Does a second core pay? Two measurements, each against the same work on one thread:
 * 1. k-means partial sums (assignment + per-cluster sums, the whole Lloyd step but the tiny
 *    final division): data and centroids in SharedArrayBuffers, rows split in halves across two
 *    warm worker threads, partials combined on the main thread — vs the same kernel on the main
 *    thread, and vs one worker doing all rows (to show the messaging cost alone).
 * 2. CSV parse split at the line boundary nearest the middle (the header copied in front of the
 *    second half), two fresh workers at once — vs one fresh worker parsing the whole file. The
 *    two tables are NOT merged (the app has no merge step), and each half infers its own types:
 *    this is an upper bound of what a split parse could gain.
 * The machine's two cores are shared with whatever else runs: the speed-up is this run's.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { median, scaled, timeRuns, type BenchRow, type BenchSettings } from './bench-row.ts';
import { blobs } from './data.ts';
import { centroidsFrom, DIMS, ITERATIONS, K, plainIteration } from './kmeans-kernel.ts';
import type { SumsShared, WorkerRequest } from './two-cores.worker.ts';

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

function sharedCopy(data: Float64Array): Float64Array {
  const copy = new Float64Array(new SharedArrayBuffer(data.byteLength));
  copy.set(data);
  return copy;
}

/** ms per Lloyd iteration with the rows split across `threads` workers. */
async function splitIterations(data: Float64Array, rows: number, init: Float64Array, threads: number, runs: number) {
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
  return times;
}

/** ms to parse `bytes` as `parts` line-aligned pieces in as many fresh workers at once. */
async function splitParse(bytes: Uint8Array, parts: number): Promise<number> {
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
  shared.set(bytes);
  const header = bytes.indexOf(10) + 1;
  const cuts = [header];
  for (let p = 1; p < parts; p++) cuts.push(bytes.indexOf(10, Math.floor((p * bytes.length) / parts)) + 1);
  cuts.push(bytes.length);
  const workers = await Promise.all(Array.from({ length: parts }, () => startWorker(null)));
  const t0 = performance.now();
  await Promise.all(
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
  return ms;
}

/** The two-cores rows: k-means partial sums and a split parse, each with its one-thread baseline. */
export async function benchTwoCores(settings: BenchSettings, csvPath: string): Promise<BenchRow[]> {
  const rows = scaled(settings, 200_000);
  const runs = Math.max(settings.runs, 5);
  const data = sharedCopy(blobs(rows, DIMS, K));
  const init = data.slice(0, K * DIMS);
  const size = `${rows.toLocaleString('en')} × ${DIMS}, k = ${K}`;
  const one = await timeRuns(
    runs,
    () => {
      let c: Float64Array = init;
      for (let i = 0; i < ITERATIONS; i++) c = plainIteration(data, rows, c);
    },
    ITERATIONS,
  );
  const oneWorker = await splitIterations(data, rows, init, 1, runs);
  const two = await splitIterations(data, rows, init, 2, runs);
  const bytes = new Uint8Array(readFileSync(csvPath));
  const parseOne: number[] = [];
  const parseTwo: number[] = [];
  for (let r = 0; r < settings.runs; r++) {
    parseOne.push(await splitParse(bytes, 1));
    parseTwo.push(await splitParse(bytes, 2));
  }
  const mb = bytes.length / 1e6;
  const oneName = `k-means partial sums ${size}: main thread`;
  const parseName = `parse ${mb.toFixed(0)} MB CSV: 1 worker thread`;
  const row = (stage: string, times: number[], baselines?: string[], inputMb?: number): BenchRow => ({
    group: 'cores',
    stage,
    where: 'node',
    ms: median(times),
    runs: times,
    baselines,
    inputMb,
  });
  return [
    row(oneName, one),
    row(`k-means partial sums ${size}: 1 worker thread`, oneWorker, [oneName]),
    row(`k-means partial sums ${size}: 2 worker threads (SharedArrayBuffer)`, two, [oneName]),
    row(parseName, parseOne, undefined, mb),
    row(`parse ${mb.toFixed(0)} MB CSV: 2 worker threads, halves not merged`, parseTwo, [parseName], mb),
  ];
}
