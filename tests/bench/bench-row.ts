/* The shape of one benchmark result and the small helpers every group shares. */

/** Where a stage ran. */
export type Where = 'node' | 'browser';

/** One row of the final table (and of the JSON). Times in ms, sizes in MB (10⁶ bytes). */
export interface BenchRow {
  /** The group it belongs to (BENCH_ONLY selects groups). */
  readonly group: string;
  readonly stage: string;
  readonly where: Where;
  /** Median of `runs`. */
  readonly ms: number;
  /** Every run, in order, for comparisons over time. */
  readonly runs: readonly number[];
  /** Input size when a throughput makes sense. */
  readonly inputMb?: number;
  /** Median peak memory of the stage over its process's idle baseline (see isolate.ts). */
  readonly peakMb?: number;
  /** Stage names of the baseline rows this row is compared with (ratio = baseline ms / this ms). */
  readonly baselines?: readonly string[];
  /** Anything else worth keeping (stage timings, long tasks, sizes...). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** The median of a non-empty list (the lower middle one for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

/** Times `run` `runs` times after one untimed warm-up; returns every run's ms. */
export async function timeRuns(runs: number, run: () => unknown, perCall = 1): Promise<number[]> {
  await run();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await run();
    times.push((performance.now() - t0) / perCall);
  }
  return times;
}

/** Settings shared by every group, from the environment. */
export interface BenchSettings {
  /** Rows of the mixed CSV (1,000,000 ≈ 91 MB by default); every other input scales with it. */
  readonly rows: number;
  readonly runs: number;
  /** A temporary folder holding the generated inputs. */
  readonly dataDir: string;
}

/** Scales a default size by BENCH_ROWS (a smoke run with BENCH_ROWS=20000 shrinks everything). */
export function scaled(settings: BenchSettings, defaultCount: number): number {
  return Math.max(100, Math.round((defaultCount * settings.rows) / 1_000_000));
}
