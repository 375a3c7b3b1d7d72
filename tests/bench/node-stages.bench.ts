/*
 * Node stages, each run cold in a fresh process per run (isolate.ts: time and peak memory):
 * CSV parse (our bytes path vs papaparse's typed parse) in both dialects, profile, XLSX ingest
 * (ours vs SheetJS's plain read + sheet_to_json), and the whole CLI job (parse + profile +
 * automatic-k clustering) with the per-stage times from its report.
 */
import { statSync } from 'node:fs';
import type { BenchRow, BenchSettings } from './bench-row.ts';
import { isolatedRow } from './isolate.ts';

const mbOf = (path: string): number => statSync(path).size / 1e6;

/** Parse rows for the comma and the `;`/decimal-comma files, then the profile row. */
export async function benchCsv(settings: BenchSettings, csvPath: string, euPath: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [path, delimiter, label] of [
    [csvPath, ',', ''],
    [euPath, ';', ' (; and decimal comma)'],
  ] as const) {
    const mb = mbOf(path);
    const papa = `parse ${mb.toFixed(0)} MB CSV${label}: papaparse 5.7.1 dynamicTyping`;
    const spec = { group: 'csv', inputMb: mb };
    rows.push(
      await isolatedRow({ ...spec, stage: papa, child: 'parse-papa', args: { path, delimiter } }, settings.runs),
    );
    rows.push(
      await isolatedRow(
        {
          ...spec,
          stage: `parse ${mb.toFixed(0)} MB CSV${label}: SmartData bytes path, 1 thread`,
          child: 'parse-ours',
          args: { path },
          baselines: [papa],
        },
        settings.runs,
      ),
    );
    rows.push(
      await isolatedRow(
        {
          ...spec,
          stage: `parse ${mb.toFixed(0)} MB CSV${label}: SmartData, 2 threads (as the CLI and the app run it)`,
          child: 'parse-ours-2t',
          args: { path },
          baselines: [papa],
        },
        settings.runs,
      ),
    );
  }
  const profile = `profile ${settings.rows.toLocaleString('en')} rows × 12 (all statistics)`;
  for (const [child, threads] of [
    ['profile', '1 thread'],
    ['profile-2t', '2 threads (as the CLI and the app run it)'],
  ] as const) {
    rows.push(
      await isolatedRow(
        { group: 'csv', stage: `${profile}, ${threads}`, child, args: { path: csvPath } },
        settings.runs,
      ),
    );
  }
  return rows;
}

/** Our XLSX ingest against SheetJS's own read of the same workbook. */
export async function benchXlsx(settings: BenchSettings, xlsxPath: string, xlsxRows: number): Promise<BenchRow[]> {
  const mb = mbOf(xlsxPath);
  const size = `${mb.toFixed(0)} MB XLSX (${xlsxRows.toLocaleString('en')} × 12)`;
  const sheetjs = `read ${size}: SheetJS 0.20.3 read + sheet_to_json`;
  const spec = { group: 'xlsx', inputMb: mb, args: { path: xlsxPath } };
  return [
    await isolatedRow({ ...spec, stage: sheetjs, child: 'xlsx-sheetjs' }, settings.runs),
    await isolatedRow(
      { ...spec, stage: `read ${size}: SmartData ingest`, child: 'xlsx-ours', baselines: [sheetjs] },
      settings.runs,
    ),
  ];
}

/** The CLI's whole job on the mixed CSV (and the old pandas job beside it, when given). */
export async function benchPipeline(
  settings: BenchSettings,
  csvPath: string,
  baselines?: string[],
): Promise<BenchRow[]> {
  const mb = mbOf(csvPath);
  return [
    await isolatedRow(
      {
        group: 'pipeline',
        stage: `full job on ${mb.toFixed(0)} MB CSV (parse + profile + automatic k), CLI`,
        child: 'pipeline',
        args: { path: csvPath },
        inputMb: mb,
        baselines,
      },
      settings.runs,
    ),
  ];
}
