/*
 * The generated hostile corpus (tests/unit/hostile-corpus.ts, shared with the browser run) through
 * the CLI's own entry point. Each input must end in exit 1 with its specific code and one stderr
 * line, or in a report whose counts reconcile with the input: rows + skipped = data lines, cells =
 * rows × columns. Entry-specific checks follow. Prints one summary line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { AnalysisError } from '../../src/core/errors.ts';
import { ingestBytes } from '../../src/ingest/ingest.ts';
import { CORPUS, FORMULA_PAYLOADS, HOSTILE_HEADERS, summaryLine, type CorpusEntry } from './hostile-corpus.ts';

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface Report {
  rows: number;
  rowsSkipped: number;
  cells: number;
  missingCells: number;
  columns: { name: string; flags: string[]; missing: number; stats: Record<string, unknown> }[];
  warnings: { code: string; count?: number }[];
  duplicateRows: number;
  clustering: unknown;
  file: { format: string; encoding: string | null };
}

const dir = mkdtempSync(join(tmpdir(), 'smartdata-hostile-'));
const tally = { tried: 0, refused: 0, analysed: 0, lost: 0 };
const outcomes = new Map<string, Promise<Outcome>>();

async function runCli(entry: CorpusEntry, ...extraFlags: string[]): Promise<Outcome> {
  const path = join(dir, entry.name);
  writeFileSync(path, entry.bytes());
  let stdout = '';
  let stderr = '';
  const code = await main(['analyze', path, ...(entry.cliFlags ?? []), ...extraFlags], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isStderrTty: false,
    version: 'hostile',
  });
  if (entry.isLarge === true) rmSync(path);
  return { code, stdout, stderr };
}

/** Runs an entry once (later checks reuse the outcome) and counts it. */
function outcomeOf(name: string): Promise<Outcome> {
  const entry = CORPUS.find((e) => e.name === name);
  if (entry === undefined) throw new Error(`no corpus entry ${name}`);
  let outcome = outcomes.get(name);
  if (outcome === undefined) {
    outcome = runCli(entry).then((o) => {
      tally.tried++;
      if (o.code === 1) tally.refused++;
      if (o.code === 0) tally.analysed++;
      return o;
    });
    outcomes.set(name, outcome);
  }
  return outcome;
}

async function reportOf(name: string): Promise<Report> {
  const outcome = await outcomeOf(name);
  expect(outcome.code).toBe(0);
  return JSON.parse(outcome.stdout) as Report;
}

afterAll(() => {
  console.log(summaryLine('CLI', tally));
  rmSync(dir, { recursive: true, force: true });
});

describe('every corpus entry: a specific refusal, or counts that reconcile', () => {
  it.each(CORPUS.map((entry) => [`${entry.name}: ${entry.what}`, entry] as const))('%s', async (_, entry) => {
    const outcome = await outcomeOf(entry.name);
    const expected = entry.expected;
    if (expected.kind === 'refused') {
      expect(outcome.stdout).toBe('');
      expect(outcome.stderr).toMatch(new RegExp(`^smartdata: .+ \\[${expected.code}\\]\\n$`));
      expect(outcome.code).toBe(1);
      return;
    }
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    const report = JSON.parse(outcome.stdout) as Report;
    const isLost =
      report.rows !== expected.rows ||
      report.columns.length !== expected.columns ||
      report.cells !== report.rows * report.columns.length ||
      (expected.dataLines !== undefined && report.rows + report.rowsSkipped !== expected.dataLines);
    if (isLost) tally.lost++;
    expect(report.rows).toBe(expected.rows);
    expect(report.columns).toHaveLength(expected.columns);
    expect(report.cells).toBe(report.rows * report.columns.length);
    if (expected.dataLines !== undefined) expect(report.rows + report.rowsSkipped).toBe(expected.dataLines);
  });
});

describe('what each analysed input says about itself', () => {
  it('a mismatched extension is read by content and mentioned', async () => {
    expect((await reportOf('text.xlsx')).warnings.map((w) => w.code)).toContain('EXTENSION_MISMATCH');
    const book = await reportOf('book.csv');
    expect(book.file.format).toBe('xlsx');
    expect(book.warnings.map((w) => w.code)).toContain('EXTENSION_MISMATCH');
  });

  it('ragged rows and blank lines are counted, not dropped', async () => {
    const report = await reportOf('ragged.csv');
    expect(report.rowsSkipped).toBe(1);
    expect(report.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['RAGGED_ROWS_PADDED', 'RAGGED_ROWS_CUT', 'BLANK_LINES_SKIPPED']),
    );
  });

  it('invalid UTF-8 falls back to Windows-1252 with a notice; UTF-16 without BOM is recognised', async () => {
    const latin = await reportOf('latin.csv');
    expect(latin.file.encoding).toBe('windows-1252');
    expect(latin.warnings.map((w) => w.code)).toContain('ENCODING_FALLBACK');
    expect((await reportOf('wide-chars.tsv')).file.encoding).toBe('utf-16le');
  });

  it('every refusal a page can meet carries its specific message in Spanish too', async () => {
    const refusals = CORPUS.filter((e) => e.expected.kind === 'refused' && e.cliFlags === undefined && !e.isLarge);
    expect(refusals.length).toBeGreaterThan(8);
    for (const entry of refusals) {
      const error: unknown = await ingestBytes(entry.bytes(), entry.name, {}).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, entry.name).toBeInstanceOf(AnalysisError);
      const { message, es } = (error as AnalysisError).toData();
      expect(es, entry.name).toBeTypeOf('string');
      expect(es, entry.name).not.toBe(message);
    }
  });

  it('hostile header names are kept verbatim as plain names', async () => {
    const report = await reportOf('hostile-names.csv');
    // Verbatim but for NUL bytes, which are removed from the file and counted (NUL_REMOVED).
    expect(report.columns.map((c) => c.name)).toEqual(HOSTILE_HEADERS.map((h) => h.replaceAll('\u0000', '')));
    expect(report.warnings.find((w) => w.code === 'NUL_REMOVED')?.count).toBe(1);
  });

  it('extreme numbers: 1e308 kept, infinities counted apart, NaN missing, -0 a zero, thousands read', async () => {
    const column = (await reportOf('numbers.csv')).columns[0];
    expect(column?.missing).toBe(1);
    expect(column?.stats).toMatchObject({ count: 6, infinite: 2, max: 1e308, min: -1e308, zeros: 1 });
    // The compensated sum survives ±1e308: 0 + 1,234,567 + 2,345.5 + 5.
    expect(column?.stats.sum).toBe(1_236_917.5);
  });

  it('an all-missing column, identical rows and a header only', async () => {
    expect((await reportOf('allmissing.csv')).columns[1]?.flags).toContain('empty');
    const same = await reportOf('same.csv');
    expect(same.duplicateRows).toBe(19);
    expect(same.clustering).toBeNull();
    expect((await reportOf('header.csv')).rows).toBe(0);
  });

  it('formula payloads are neutralised on export, numbers stay numbers, and the export re-imports', async () => {
    const entry = CORPUS.find((e) => e.name === 'formulas.csv') as CorpusEntry;
    const exported = join(dir, 'formulas-out.csv');
    expect((await runCli(entry, '--export-csv', exported, '--no-cluster')).code).toBe(0);
    const { data } = Papa.parse<string[]>(readFileSync(exported, 'utf8'), { skipEmptyLines: true });
    const [header, ...rows] = data;
    expect(header).toEqual(['payload', 'amount']);
    expect(rows).toHaveLength(FORMULA_PAYLOADS.length);
    rows.forEach(([payload, amount], i) => {
      const original = FORMULA_PAYLOADS[i] ?? '';
      const isDangerous = /^[=+\-@\t\r\0]/.test(original);
      expect(payload).toBe(isDangerous ? `'${original}` : original);
      expect(Number(amount)).toBe(i % 2 === 0 ? -i - 0.5 : i);
      expect(amount).not.toMatch(/^'/);
    });
  });
});
