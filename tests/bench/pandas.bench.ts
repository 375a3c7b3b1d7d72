/*
 * Optional orientation row: the same job in pandas + scikit-learn (pandas-job.py) on the same
 * CSV, run once (it takes minutes), on one thread. Skipped, with the reason in the row list, when the system
 * Python lacks them (Debian: apt-get install python3-pandas python3-sklearn).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './bench-row.ts';

const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./pandas-job.py', import.meta.url));

/** The pandas row, or null (with why on stderr) when pandas or scikit-learn is missing. */
export function benchPandas(csvPath: string, csvMb: number): BenchRow | null {
  const probe = spawnSync(PYTHON, ['-c', 'import pandas, sklearn; print(pandas.__version__, sklearn.__version__)'], {
    encoding: 'utf8',
  });
  if (probe.status !== 0) {
    process.stderr.write(`\n(pandas baseline skipped: ${PYTHON} has no pandas/scikit-learn)\n`);
    return null;
  }
  const [pandas = '?', sklearn = '?'] = probe.stdout.trim().split(' ');
  const run = spawnSync(PYTHON, [SCRIPT, csvPath], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  if (run.status !== 0) throw new Error(`pandas job failed:\n${run.stderr}`);
  const { total = NaN, k, ...timings } = JSON.parse(run.stdout.trim()) as Record<string, number>;
  return {
    group: 'pandas',
    stage: `full job on ${csvMb.toFixed(0)} MB CSV: pandas ${pandas} + scikit-learn ${sklearn} (1 run)`,
    where: 'node',
    ms: total,
    runs: [total],
    inputMb: csvMb,
    extra: { timings, k, note: 'Python process, not Node; same steps as SmartData, see pandas-job.py' },
  };
}
