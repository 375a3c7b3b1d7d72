/*
 * `npm run bench` (issue #8): every benchmark group on this machine, one table of medians with
 * the baselines measured in the same run, and the same rows plus every raw run as JSON in
 * tests/bench/results/ (git-ignored), to compare over time.
 *   BENCH_ROWS  rows of the mixed CSV (default 1,000,000 ≈ 91 MB); every input scales with it
 *   BENCH_RUNS  runs per measurement (default 3; warm in-process groups use at least 5)
 *   BENCH_ONLY  comma list of groups: csv, xlsx, kmeans, cores, pipeline, pandas, browser
 * Progress goes to stderr, the table to stdout.
 */
import { statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { BenchRow, BenchSettings } from './bench-row.ts';
import { benchBrowser } from './browser.bench.ts';
import { csvInput, euCsvInput, inputsDir, prepareInputs, xlsxInput, xlsxRows } from './inputs.ts';
import { benchKMeansIteration } from './kmeans-iteration.bench.ts';
import { benchCsv, benchPipeline, benchXlsx } from './node-stages.bench.ts';
import { benchPandas } from './pandas.bench.ts';
import { formatNotes, formatTable, writeJson } from './report.ts';
import { benchFitSplit } from './fit-split.bench.ts';
import { benchTwoCores } from './two-cores.bench.ts';

const GROUPS = ['csv', 'xlsx', 'kmeans', 'cores', 'pipeline', 'pandas', 'browser'] as const;
const rowsSetting = Number(process.env.BENCH_ROWS ?? 1_000_000);
const settings: BenchSettings = {
  rows: rowsSetting,
  runs: Number(process.env.BENCH_RUNS ?? 3),
  dataDir: inputsDir(rowsSetting),
};
const only = process.env.BENCH_ONLY?.split(',')
  .map((g) => g.trim())
  .filter((g) => g !== '');
const unknown = only?.filter((g) => !(GROUPS as readonly string[]).includes(g)) ?? [];
if (unknown.length > 0)
  throw new Error(`unknown BENCH_ONLY group(s): ${unknown.join(', ')}; known: ${GROUPS.join(', ')}`);
const selected = (group: string): boolean => only === undefined || only.includes(group);

prepareInputs(settings);
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
const results: BenchRow[] = [];
let chromium = 'Chromium not run';
const step = async (group: string, run: () => Promise<BenchRow[]>): Promise<void> => {
  if (!selected(group)) return;
  process.stderr.write(`[${group}] `);
  const t0 = performance.now();
  results.push(...(await run()));
  process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
};
const csvMb = async (): Promise<number> => statSync(await csvInput(settings)).size / 1e6;

await step('csv', async () => benchCsv(settings, await csvInput(settings), await euCsvInput(settings)));
await step('xlsx', async () => benchXlsx(settings, await xlsxInput(settings), xlsxRows(settings)));
await step('kmeans', () => benchKMeansIteration(settings));
await step('cores', async () => [
  ...(await benchTwoCores(settings, await csvInput(settings))),
  ...(await benchFitSplit(settings, await csvInput(settings))),
]);
await step('pandas', async () => {
  const row = benchPandas(await csvInput(settings), await csvMb());
  return row === null ? [] : [row];
});
await step('pipeline', async () => {
  const pandas = results.find((r) => r.group === 'pandas')?.stage;
  return benchPipeline(settings, await csvInput(settings), pandas === undefined ? undefined : [pandas]);
});
await step('browser', async () => {
  const browser = await benchBrowser(settings, await csvInput(settings), await csvMb());
  chromium = browser.chromium;
  return browser.rows;
});

const cpu = cpus();
const machine = `${cpu[0]?.model.trim() ?? 'cpu'}, ${cpu.length} cores, Node ${process.version}, ${chromium}, load average at start ${load}`;
console.log(
  `\nSmartData Analyzer benchmarks — ${machine}; medians of ${settings.runs} runs (${settings.rows.toLocaleString('en')} CSV rows)\n`,
);
console.log(formatTable(results));
const notes = formatNotes(results);
if (notes !== '') console.log(`\n${notes}`);
const file = writeJson({ date: new Date().toISOString(), machine, settings, groups: only ?? GROUPS, results });
console.log(`\n(also written to ${file})`);
