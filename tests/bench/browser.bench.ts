/*
 * The browser side: the app built into node_modules/.cache/smartdata-bench-dist/ (no top-level folder), served by the e2e static
 * server, driven in headless Chromium. Per run, a fresh profile loads the page, the mixed CSV is
 * chosen through the file input (a path on disk: no copy through the DevTools protocol), and the
 * time from the input's change event to the first frame of the full report (profile and
 * automatic-k clustering, done in the worker) is taken inside the page. Main-thread long tasks
 * (PerformanceObserver 'longtask', buffered) are counted from the choice until 1 s after the
 * report; the renderer's peak RSS over its idle level comes from proc-memory.ts.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { serveStatic } from '../e2e/static-server.ts';
import { median, type BenchRow, type BenchSettings } from './bench-row.ts';
import { CHROMIUM, openBenchSession, readMarks } from './browser-session.ts';
import { measureFirstLoad, type FirstLoad } from './first-load.ts';
import { rendererRss } from './proc-memory.ts';

export const BENCH_DIST = 'node_modules/.cache/smartdata-bench-dist';
const SETTLE_MS = 1000;
const STAGES: Readonly<Record<string, string>> = {
  Reading: 'read',
  Parsing: 'parse',
  Profiling: 'profile',
  Clustering: 'cluster',
};

interface DropRun {
  readonly ms: number;
  readonly peakMb: number;
  readonly longTasks: number;
  readonly maxLongTaskMs: number;
  /** Each long task: ms after the file was chosen, and its duration. */
  readonly longTaskList: { readonly atMs: number; readonly ms: number }[];
  readonly stages: Record<string, number>;
}

function buildApp(): void {
  const result = spawnSync('npx', ['vite', 'build', '--outDir', BENCH_DIST, '--emptyOutDir', '--logLevel', 'error'], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stderr}${result.stdout}`);
}

/** "Time per stage: Reading 0.12 s · Parsing 3.40 s · …" → { read: 120, parse: 3400, … } (ms). */
function parseStageTimings(text: string): Record<string, number> {
  const stages: Record<string, number> = {};
  for (const m of text.matchAll(/([A-Za-z]+) ([\d,.]+) s/g)) {
    const key = STAGES[m[1] ?? ''];
    if (key !== undefined) stages[key] = Number((m[2] ?? '').replace(/,/g, '')) * 1000;
  }
  return stages;
}

async function dropRun(url: string, csvPath: string): Promise<DropRun> {
  const session = await openBenchSession();
  try {
    const { page } = session;
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(1000);
    const rss = rendererRss(session.userDataDir);
    const idle = rss.now();
    rss.start();
    await page.getByTestId('file-input').setInputFiles(csvPath);
    const failed = page
      .getByTestId('error')
      .waitFor({ timeout: 0 })
      .then(async () => {
        throw new Error(`the app reported an error: ${await page.getByTestId('error').textContent()}`);
      });
    const shown = page.waitForFunction(
      () => ((window as { __bench?: { shownAt?: number } }).__bench?.shownAt ?? 0) > 0,
      null,
      {
        timeout: 900_000,
        polling: 200,
      },
    );
    await Promise.race([shown, failed]);
    await page.waitForTimeout(SETTLE_MS);
    const peak = rss.stop();
    const marks = await readMarks(page);
    const from = marks.chosenAt ?? 0;
    const to = (marks.shownAt ?? 0) + SETTLE_MS;
    const tasks = marks.longTasks.filter((t) => t.start >= from && t.start <= to);
    return {
      ms: (marks.shownAt ?? NaN) - from,
      peakMb: (peak - idle) / 1e6,
      longTasks: tasks.length,
      maxLongTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
      longTaskList: tasks.map((t) => ({ atMs: Math.round(t.start - from), ms: Math.round(t.duration) })),
      stages: parseStageTimings((await page.getByTestId('timings').textContent()) ?? ''),
    };
  } finally {
    await session.close();
  }
}

/** "none", the offending files, or a warning that the check saw no heavy chunk even after a file. */
function heavyVerdict(first: FirstLoad): string {
  if (first.heavyAfterChoice.length === 0) return 'not checked (no heavy chunk seen after a file either)';
  return first.heavyBeforeChoice.length === 0 ? 'none' : first.heavyBeforeChoice.join(' ');
}

/** Browser rows: drop → full report on the mixed CSV, and the first load. Returns the Chromium version too. */
export async function benchBrowser(
  settings: BenchSettings,
  csvPath: string,
  csvMb: number,
): Promise<{ rows: BenchRow[]; chromium: string }> {
  buildApp();
  const server = await serveStatic(resolve(BENCH_DIST), '/');
  try {
    const first = await measureFirstLoad(server.url, resolve(BENCH_DIST));
    const runs: DropRun[] = [];
    for (let r = 0; r < settings.runs; r++) {
      runs.push(await dropRun(server.url, csvPath));
      process.stderr.write('.');
    }
    const times = runs.map((r) => r.ms);
    const mid = runs[times.indexOf(median(times))];
    const drop: BenchRow = {
      group: 'browser',
      stage: `drop ${csvMb.toFixed(0)} MB CSV → full report (profile + automatic k), worker`,
      where: 'browser',
      ms: median(times),
      runs: times,
      inputMb: csvMb,
      peakMb: median(runs.map((r) => r.peakMb)),
      extra: {
        stagesOfMedianRun: mid?.stages,
        longTasksPerRun: runs.map((r) => r.longTasks),
        maxLongTaskMsPerRun: runs.map((r) => r.maxLongTaskMs),
        longTasks: runs.map((r) => r.longTaskList),
        peakMbRuns: runs.map((r) => r.peakMb),
      },
    };
    const load: BenchRow = {
      group: 'browser',
      stage: `first load: ${first.firstPaintGzipKb.toFixed(1)} KB gzip JS before first paint (goal ≤ 150), heavy chunks before a file: ${heavyVerdict(first)}`,
      where: 'browser',
      ms: first.fcpMs,
      runs: [first.fcpMs],
      extra: { ...first },
    };
    // The user agent string is reduced (156.0.0.0); the binary knows its full version.
    const version = /[\d.]{6,}/.exec(spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout)?.[0] ?? 'unknown';
    return { rows: [drop, load], chromium: `Chromium ${version}` };
  } finally {
    await server.close();
  }
}
