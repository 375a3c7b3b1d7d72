/* The printed table and the JSON file of a bench run. */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BenchRow } from './bench-row.ts';

const fixed = (value: number | undefined, digits: number): string =>
  value === undefined || !Number.isFinite(value) ? '' : value.toFixed(digits);

/**
 * "1.85× vs plain loop": each baseline's median over this row's, named by its short suffix, and
 * the median of the same ratio round by round when the stages ran interleaved (isolate.ts).
 */
function ratios(row: BenchRow, all: readonly BenchRow[]): string {
  const paired = (row.extra?.pairedRatios ?? {}) as Readonly<Record<string, number>>;
  return (row.baselines ?? [])
    .map((name) => {
      const base = all.find((r) => r.stage === name);
      if (base === undefined) return '';
      const short = name.includes(': ') ? name.slice(name.lastIndexOf(': ') + 2) : name;
      const rounds = paired[name] === undefined ? '' : ` (by round: ${paired[name].toFixed(2)}×)`;
      return `${(base.ms / row.ms).toFixed(2)}× vs ${short}${rounds}`;
    })
    .filter((s) => s !== '')
    .join('; ');
}

/** Peak MB, with the peak / input ratio for parses (goal ≤ 2.5× the file). */
function peak(row: BenchRow): string {
  if (row.peakMb === undefined) return '';
  const ratio = row.inputMb === undefined ? '' : ` (${(row.peakMb / row.inputMb).toFixed(2)}× file)`;
  return `${row.peakMb.toFixed(0)}${ratio}`;
}

/** The markdown table: stage | where | ms | MB/s | peak MB | baseline | ratio. */
export function formatTable(rows: readonly BenchRow[]): string {
  const lines = [
    '| stage | where | ms (median) | MB/s | peak MB | baseline | ratio |',
    '| --- | --- | ---: | ---: | ---: | --- | --- |',
  ];
  for (const row of rows) {
    const mbps = row.inputMb === undefined ? undefined : row.inputMb / (row.ms / 1000);
    const isBaseline = rows.some((r) => r.baselines?.includes(row.stage));
    lines.push(
      `| ${row.stage} | ${row.where} | ${fixed(row.ms, 1)} | ${fixed(mbps, 1)} | ${peak(row)} | ${isBaseline ? 'yes' : ''} | ${ratios(row, rows)} |`,
    );
  }
  return lines.join('\n');
}

/** A few lines under the table for what the columns cannot show (stage splits, long tasks). */
export function formatNotes(rows: readonly BenchRow[]): string {
  const notes: string[] = [];
  for (const row of rows) {
    const extra = row.extra ?? {};
    const stages = (extra.timings ?? extra.stagesOfMedianRun) as Record<string, number> | undefined;
    if (stages !== undefined) {
      const parts = Object.entries(stages).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`);
      notes.push(`- ${row.stage} — stages: ${parts.join(', ')}`);
    }
    if (typeof extra.coresBusy === 'number') {
      notes.push(`- ${row.stage} — cores kept busy on average: ${extra.coresBusy.toFixed(2)} of 2`);
    }
    if (Array.isArray(extra.longTasksPerRun)) {
      const max = Math.max(...(extra.maxLongTaskMsPerRun as number[]));
      notes.push(
        `- ${row.stage} — main-thread long tasks per run: ${extra.longTasksPerRun.join(', ')}; longest ${max.toFixed(0)} ms (goal: none)`,
      );
    }
  }
  return notes.join('\n');
}

/** Writes the run as JSON under tests/bench/results/ (git-ignored); returns the path. */
export function writeJson(run: Readonly<Record<string, unknown>>): string {
  mkdirSync('tests/bench/results', { recursive: true });
  const file = `tests/bench/results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}
