/*
 * Does the second thread pay for choosing k? The fits of k = 2..10 (10 k-means++ restarts each)
 * on the mixed CSV's selection sample — the 20,000 standardised rows the pipeline picks k on —
 * run on this thread alone, then shared with a CLI second thread that has its own TF.js (as
 * `analyze` does). Both must give the same fits, bit for bit.
 */
import { readFileSync } from 'node:fs';
import { createCliSecondThread } from '../../src/cli/second-thread.ts';
import { SELECTION_MAX_ROWS } from '../../src/core/cluster/cluster.ts';
import { fitAll } from '../../src/core/cluster/fit-split.ts';
import { subset, timeSlicer, type Fit, type ProgressHooks } from '../../src/core/cluster/fit.ts';
import { buildFeatureMatrix } from '../../src/core/cluster/preprocess.ts';
import { profileTable } from '../../src/core/profile/profile.ts';
import { sampleIndices } from '../../src/core/stats/random.ts';
import { ingestBytes } from '../../src/ingest/ingest.ts';
import { startTf } from '../../workers/tf-init.ts';
import { median, type BenchRow, type BenchSettings } from './bench-row.ts';
import { withCpu } from './two-cores-split.ts';

const KS = [2, 3, 4, 5, 6, 7, 8, 9, 10];
const FIT = { nInit: 10, maxIter: 300, tol: 1e-4, seed: 0 };

function sameFits(a: ReadonlyMap<number, Fit>, b: ReadonlyMap<number, Fit>): boolean {
  return KS.every((k) => {
    const [x, y] = [a.get(k), b.get(k)];
    return x !== undefined && y !== undefined && x.inertia === y.inertia && x.iterations === y.iterations;
  });
}

/** Rows for choosing k on one thread and on two, the CSV's selection sample as the pipeline takes it. */
export async function benchFitSplit(settings: BenchSettings, csvPath: string): Promise<BenchRow[]> {
  await startTf();
  const tf = await import('@tensorflow/tfjs-core');
  const { table } = await ingestBytes(new Uint8Array(readFileSync(csvPath)), 'mixed.csv', { maxFileBytes: 1e9 });
  const profile = await profileTable(table, { format: { decimal: '.', thousands: '' } });
  const matrix = buildFeatureMatrix(profile.columns, table.rowCount, {});
  const sample = subset(matrix, sampleIndices(matrix.rows, Math.min(SELECTION_MAX_ROWS, matrix.rows), FIT.seed));
  const hooks: ProgressHooks = {
    tick: () => undefined,
    report: () => undefined,
    yieldSometimes: timeSlicer({ yieldNow: () => new Promise<void>((resolve) => setImmediate(resolve)) }),
  };
  const second = createCliSecondThread();
  const timed = async (helped: boolean) =>
    withCpu(async () => {
      const times: number[] = [];
      let fits: ReadonlyMap<number, Fit> = new Map();
      for (let r = 0; r < settings.runs; r++) {
        const t0 = performance.now();
        fits = (await fitAll(tf, sample, KS, FIT, hooks, helped ? second.cluster : undefined)).fits;
        times.push(performance.now() - t0);
      }
      return { times, fits };
    });
  try {
    await fitAll(tf, sample, [2, 3], FIT, hooks, second.cluster); // starts the thread and its TF.js
    const one = await timed(false);
    const two = await timed(true);
    if (!sameFits(one.value.fits, two.value.fits)) throw new Error('the fits differ with two threads');
    const size = `${sample.rows.toLocaleString('en')} × ${sample.dims}`;
    const oneName = `choose k (k = 2..10 × 10 restarts) on the CSV's ${size} selection sample: 1 thread`;
    const row = (stage: string, m: typeof one, baselines?: string[]): BenchRow => ({
      group: 'cores',
      stage,
      where: 'node',
      ms: median(m.value.times),
      runs: m.value.times,
      baselines,
      extra: { coresBusy: m.coresBusy },
    });
    return [row(oneName, one), row(`choose k: 2 threads (a worker thread with its own TF.js)`, two, [oneName])];
  } finally {
    await second.close();
  }
}
