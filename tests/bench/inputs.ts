/*
 * The generated inputs, written once per size to a cache folder in the system temp dir (they are
 * deterministic, so a cached file is the same bytes a fresh one would be). Child processes and
 * the browser read them from there.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaled, type BenchSettings } from './bench-row.ts';
import { mixedCsv, mixedWorkbook } from './data.ts';

/** Bump when data.ts changes what it generates, so old cached files are not reused. */
const DATA_VERSION = 1;

/** The cache folder for `rows` rows. */
export function inputsDir(rows: number): string {
  return join(tmpdir(), `smartdata-bench-inputs-v${DATA_VERSION}`, String(rows));
}

async function ensure(path: string, make: () => Uint8Array | Promise<Uint8Array>): Promise<string> {
  if (existsSync(path)) return path;
  process.stderr.write(`generating ${path}\n`);
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, await make());
  renameSync(partial, path);
  return path;
}

/** The 1M × 12 mixed CSV (≈ 91 MB at the default size). */
export function csvInput(settings: BenchSettings): Promise<string> {
  return ensure(join(settings.dataDir, 'mixed.csv'), () => mixedCsv(settings.rows));
}

/** The same rows in the `;` / decimal-comma dialect. */
export function euCsvInput(settings: BenchSettings): Promise<string> {
  return ensure(join(settings.dataDir, 'mixed-eu.csv'), () => mixedCsv(settings.rows, true));
}

/** Rows of the XLSX: 200,000 at the default size. */
export function xlsxRows(settings: BenchSettings): number {
  return scaled(settings, 200_000);
}

/** The 200,000 × 12 workbook (≈ 34 MB at the default size). */
export function xlsxInput(settings: BenchSettings): Promise<string> {
  return ensure(join(settings.dataDir, 'mixed.xlsx'), () => mixedWorkbook(xlsxRows(settings)));
}

/** Creates the cache folder. */
export function prepareInputs(settings: BenchSettings): void {
  mkdirSync(settings.dataDir, { recursive: true });
}
