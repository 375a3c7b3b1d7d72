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
import { median, scaled, timeRuns, type BenchRow, type BenchSettings } from './bench-row.ts';
import { blobs } from './data.ts';
import { DIMS, ITERATIONS, K, plainIteration } from './kmeans-kernel.ts';
import { sharedCopy, splitIterations, splitParse, withCpu } from './two-cores-split.ts';

/** The two-cores rows: k-means partial sums and a split parse, each with its one-thread baseline. */
export async function benchTwoCores(settings: BenchSettings, csvPath: string): Promise<BenchRow[]> {
  const rows = scaled(settings, 200_000);
  const runs = Math.max(settings.runs, 5);
  const data = sharedCopy(blobs(rows, DIMS, K));
  const init = data.slice(0, K * DIMS);
  const size = `${rows.toLocaleString('en')} × ${DIMS}, k = ${K}`;
  const lloyd = (): Float64Array => {
    let c: Float64Array = init;
    for (let i = 0; i < ITERATIONS; i++) c = plainIteration(data, rows, c);
    return c;
  };
  const one = await withCpu(() => timeRuns(runs, lloyd, ITERATIONS));
  const expected = lloyd();
  const oneWorker = await withCpu(() => splitIterations(data, rows, init, 1, runs));
  const two = await withCpu(() => splitIterations(data, rows, init, 2, runs));
  for (const split of [oneWorker.value, two.value]) {
    const drift = Math.max(...split.final.map((v, i) => Math.abs(v - (expected[i] as number))));
    if (!(drift < 1e-9)) throw new Error(`split k-means centroids differ from one thread's by ${drift}`);
  }
  const bytes = new Uint8Array(readFileSync(csvPath));
  const parse = async (parts: number) =>
    withCpu(async () => {
      const times: number[] = [];
      for (let r = 0; r < settings.runs; r++) times.push(await splitParse(bytes, parts, settings.rows));
      return times;
    });
  const parseOne = await parse(1);
  const parseTwo = await parse(2);
  const mb = bytes.length / 1e6;
  const oneName = `k-means partial sums ${size}: main thread`;
  const parseName = `parse ${mb.toFixed(0)} MB CSV: 1 worker thread`;
  const row = (
    stage: string,
    measured: { value: number[]; coresBusy: number },
    baselines?: string[],
    inputMb?: number,
  ): BenchRow => ({
    group: 'cores',
    stage,
    where: 'node',
    ms: median(measured.value),
    runs: measured.value,
    baselines,
    inputMb,
    extra: { coresBusy: measured.coresBusy },
  });
  const times = (m: { value: { times: number[] }; coresBusy: number }) => ({
    value: m.value.times,
    coresBusy: m.coresBusy,
  });
  return [
    row(oneName, one),
    row(`k-means partial sums ${size}: 1 worker thread`, times(oneWorker), [oneName]),
    row(`k-means partial sums ${size}: 2 worker threads (SharedArrayBuffer)`, times(two), [oneName]),
    row(parseName, parseOne, undefined, mb),
    row(`parse ${mb.toFixed(0)} MB CSV: 2 worker threads, halves not merged`, parseTwo, [parseName], mb),
  ];
}
