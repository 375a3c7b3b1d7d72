/*
 * `npm run bench`: every benchmark in one run on this machine, one table of medians with the
 * ratio to the baseline measured beside it, and the same rows as JSON in tests/bench/results/.
 * BENCH_ROWS sets the CSV size (default 1,000,000 rows ≈ 100 MB), BENCH_RUNS the repetitions.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchIngest, type BenchRow } from './ingest.bench.ts';
import { benchKMeansIteration } from './kmeans-iteration.bench.ts';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);

const results: BenchRow[] = [...(await benchIngest(rows, runs)), ...(await benchKMeansIteration())];
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
console.log(`SmartData Analyzer benchmarks — ${machine}, medians of ${runs} runs\n`);
console.log('| benchmark | ms | MB/s | ratio to baseline |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of results) {
  console.log(
    `| ${r.name} | ${r.ms.toFixed(1)} | ${r.mbPerSecond?.toFixed(1) ?? ''} | ${r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`} |`,
  );
}
mkdirSync('tests/bench/results', { recursive: true });
const file = `tests/bench/results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(file, JSON.stringify({ machine, runs, rows, results }, null, 2));
console.log(`\n(also written to ${file})`);
