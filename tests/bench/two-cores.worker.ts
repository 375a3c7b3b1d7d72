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
    // Sum into local arrays and copy the k × (dims + 1) partials out once: hot-loop writes to
    // shared memory would make the split pay a cost the one-thread loop does not.
    const sums = new Float64Array(k * dims);
    const counts = new Float64Array(k);
    const centroids = new Float64Array(shared.centroids).slice();
    assignAndSum(new Float64Array(shared.data), dims, centroids, k, request, sums, counts);
    const out = new Float64Array(shared.out);
    out.set(sums);
    out.set(counts, k * dims);
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
