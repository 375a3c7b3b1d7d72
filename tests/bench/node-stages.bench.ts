/*
 * Node stages, each run cold in a fresh process per run (isolate.ts: time and peak memory):
 * CSV parse (our bytes path vs papaparse's typed parse) in both dialects, profile, XLSX ingest
 * (ours vs SheetJS's plain read + sheet_to_json), and the whole CLI job (parse + profile +
 * automatic-k clustering) with the per-stage times from its report.
 */
import { statSync } from 'node:fs';
import type { BenchRow, BenchSettings } from './bench-row.ts';
import { interleavedRows, isolatedRow, type IsolatedRowSpec } from './isolate.ts';

const mbOf = (path: string): number => statSync(path).size / 1e6;

const THREADS = [
  ['', '1 thread'],
  ['-2t', '2 threads'],
] as const;
/** Cold: a fresh process, as the CLI runs. Warm: the stage already ran once there, as the app's second file. */
const STATES = [
  ['', 'cold'],
  ['-warm', 'warm'],
] as const;

/* Our parse of one file, on 1 and 2 threads, cold (and warm when asked), after papaparse's. */
function parseSpecs(path: string, delimiter: string, label: string, warmToo: boolean): IsolatedRowSpec[] {
  const mb = mbOf(path);
  const papa = `parse ${mb.toFixed(0)} MB CSV${label}: papaparse 5.7.1 dynamicTyping`;
  const spec = { group: 'csv', inputMb: mb };
  const specs: IsolatedRowSpec[] = [{ ...spec, stage: papa, child: 'parse-papa', args: { path, delimiter } }];
  for (const [state, stateName] of warmToo ? STATES : STATES.slice(0, 1)) {
    for (const [threads, threadsName] of THREADS) {
      const stage = `parse ${mb.toFixed(0)} MB CSV${label}: SmartData, ${threadsName}, ${stateName}`;
      specs.push({ ...spec, stage, child: `parse-ours${threads}${state}`, args: { path }, baselines: [papa] });
    }
  }
  return specs;
}

/**
 * Parse rows for the comma and the `;`/decimal-comma files, then the profile rows, run in
 * interleaved rounds: every stage once per round, so the ratios compare stages run side by side.
 */
export async function benchCsv(settings: BenchSettings, csvPath: string, euPath: string): Promise<BenchRow[]> {
  const profile = `profile ${settings.rows.toLocaleString('en')} rows × 12 (all statistics)`;
  const profileSpecs = STATES.flatMap(([state, stateName]) =>
    THREADS.map(([threads, threadsName]) => ({
      group: 'csv',
      stage: `${profile}, ${threadsName}, ${stateName}`,
      args: { path: csvPath },
      child: `profile${threads}${state}`,
      ...(threads === '' ? {} : { baselines: [`${profile}, 1 thread, ${stateName}`] }),
    })),
  );
  return interleavedRows(
    [
      ...parseSpecs(csvPath, ',', '', true),
      ...parseSpecs(euPath, ';', ' (; and decimal comma)', false),
      ...profileSpecs,
    ],
    settings.runs,
  );
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
