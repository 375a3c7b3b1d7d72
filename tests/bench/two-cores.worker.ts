/*
 * A worker thread for two-cores.bench.ts. `sums` messages: assign and sum a row range of the
 * shared k-means data. `parse` messages: parse one part of a CSV (header + a line-aligned slice).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ingestBytes } from '../../src/ingest/ingest.ts';
import { assignAndSum } from './kmeans-kernel.ts';

export interface SumsShared {
  readonly data: SharedArrayBuffer;
  readonly centroids: SharedArrayBuffer;
  /** k × dims sums followed by k counts, written by this worker. */
  readonly out: SharedArrayBuffer;
  readonly dims: number;
  readonly k: number;
}

export type WorkerRequest =
  | { readonly kind: 'sums'; readonly from: number; readonly to: number }
  | {
      readonly kind: 'parse';
      readonly bytes: SharedArrayBuffer;
      readonly header: number;
      readonly from: number;
      readonly to: number;
    };

const shared = workerData as SumsShared | null;

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.kind === 'sums') {
    if (shared === null) throw new Error('no shared k-means data');
    const { dims, k } = shared;
    const out = new Float64Array(shared.out);
    out.fill(0);
    const sums = out.subarray(0, k * dims);
    const counts = out.subarray(k * dims, k * dims + k);
    assignAndSum(new Float64Array(shared.data), dims, new Float64Array(shared.centroids), k, request, sums, counts);
    parentPort?.postMessage(0);
    return;
  }
  const all = new Uint8Array(request.bytes);
  const part = new Uint8Array(request.header + (request.to - request.from));
  part.set(all.subarray(0, request.header));
  part.set(all.subarray(request.from, request.to), request.header);
  void ingestBytes(part, 'part.csv', { maxFileBytes: 1e9 }).then((result) =>
    parentPort?.postMessage(result.table.rowCount),
  );
});
parentPort?.postMessage('ready'); // modules loaded: the parent starts its clock after this
