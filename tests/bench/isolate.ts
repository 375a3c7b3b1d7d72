/*
 * Runs one measured stage in a fresh Node process (stage-child.ts), so that neither JIT warm-up
 * nor garbage nor peak memory of one stage leaks into the next. Each run is cold, like a user's
 * single run of the CLI.
 *
 * How peak memory is measured (in the child):
 * 1. load every module the stage needs, force a GC, and read the process RSS: the idle baseline;
 * 2. load the stage's input (e.g. read the file's bytes; they count, as the app holds them too);
 * 3. while the stage runs, a worker_thread samples `process.memoryUsage.rss()` (process-wide)
 *    every 2 ms — it keeps sampling while the main thread is blocked in synchronous parsing —
 *    and the kernel's high-water mark (`resourceUsage().maxRSS`) is read before and after: if it
 *    rose during the stage, it is the exact peak and wins over the samples;
 * 4. peak MB = peak RSS − idle RSS. RSS includes garbage not yet collected: that memory is
 *    really taken from the machine, so it is counted. `retainedMb` is what stays reachable
 *    (heap + external memory after a forced GC, input and result still held) minus the same before loading.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, type BenchRow, type Where } from './bench-row.ts';

export interface ChildResult {
  readonly ms: number;
  readonly peakMb: number;
  readonly idleMb: number;
  readonly retainedMb: number;
  readonly extra: Readonly<Record<string, unknown>>;
}

const CHILD = fileURLToPath(new URL('./stage-child.ts', import.meta.url));
export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Runs `stage` once in a fresh `node --import tsx --expose-gc` process. */
export function runInChild(stage: string, args: Readonly<Record<string, unknown>>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', CHILD, stage, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || line === undefined) {
        reject(new Error(`bench stage ${stage} failed (exit ${code}):\n${stderr.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildResult);
    });
  });
}

export interface IsolatedRowSpec {
  readonly group: string;
  readonly stage: string;
  readonly where?: Where;
  readonly child: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly inputMb?: number;
  readonly baselines?: readonly string[];
}

/** `runs` cold runs of a child stage, as one row: median time and median peak memory. */
export async function isolatedRow(spec: IsolatedRowSpec, runs: number): Promise<BenchRow> {
  const results: ChildResult[] = [];
  for (let r = 0; r < runs; r++) {
    results.push(await runInChild(spec.child, spec.args));
    process.stderr.write('.');
  }
  const times = results.map((r) => r.ms);
  return {
    group: spec.group,
    stage: spec.stage,
    where: spec.where ?? 'node',
    ms: median(times),
    runs: times,
    inputMb: spec.inputMb,
    peakMb: median(results.map((r) => r.peakMb)),
    baselines: spec.baselines,
    extra: {
      idleMb: median(results.map((r) => r.idleMb)),
      retainedMb: median(results.map((r) => r.retainedMb)),
      peakMbRuns: results.map((r) => r.peakMb),
      ...(results.find((r) => r.ms === median(times))?.extra ?? {}), // the median run's details
    },
  };
}
