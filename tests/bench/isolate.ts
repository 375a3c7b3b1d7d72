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

/* One row from a stage's results: median time and median peak memory, every run kept. */
function rowOf(spec: IsolatedRowSpec, results: readonly ChildResult[]): BenchRow {
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

/** `runs` cold runs of a child stage, as one row. */
export async function isolatedRow(spec: IsolatedRowSpec, runs: number): Promise<BenchRow> {
  return (await interleavedRows([spec], runs))[0] as BenchRow;
}

/**
 * `runs` rounds, each running every stage once in turn (a fresh process each), so that a slow
 * spell of the shared machine falls on every stage of a round, not on all runs of one stage. The
 * rows then carry per-round ratios to their baselines (see pairedRatios).
 */
export async function interleavedRows(specs: readonly IsolatedRowSpec[], runs: number): Promise<BenchRow[]> {
  const results: ChildResult[][] = specs.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (const [i, spec] of specs.entries()) {
      (results[i] as ChildResult[]).push(await runInChild(spec.child, spec.args));
      process.stderr.write('.');
    }
  }
  return pairedRatios(specs.map((spec, i) => rowOf(spec, results[i] as ChildResult[])));
}

/**
 * Adds `extra.pairedRatios` to rows with baselines among `rows`: for each baseline, the median over
 * rounds of baseline ms / this ms in the same round (robust to drift between rounds).
 */
function pairedRatios(rows: readonly BenchRow[]): BenchRow[] {
  return rows.map((row) => {
    const paired: Record<string, number> = {};
    for (const name of row.baselines ?? []) {
      const base = rows.find((r) => r.stage === name);
      if (base === undefined || base.runs.length !== row.runs.length) continue;
      paired[name] = median(row.runs.map((ms, k) => (base.runs[k] as number) / ms));
    }
    return Object.keys(paired).length === 0 ? row : { ...row, extra: { ...row.extra, pairedRatios: paired } };
  });
}
