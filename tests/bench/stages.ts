/*
 * The stages measured in a process of their own (stage-child.ts): each loads its input from a
 * file the parent generated, then runs once. Node baselines sit beside the stages they judge.
 */
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import { main as cliMain } from '../../src/cli/main.ts';
import { profileTable } from '../../src/core/profile/profile.ts';
import { ingestBytes } from '../../src/ingest/ingest.ts';
import { startTf } from '../../workers/tf-init.ts';
import { createCliSecondThread } from '../../src/cli/second-thread.ts';
import { readInput, sizeOf } from '../../src/cli/read-input.ts';
import type { SecondThreadRunners } from '../../workers/second-thread-tasks.ts';

export interface Stage {
  /** Imports and start-up that belong to the process, not to the stage (before the idle baseline). */
  readonly prepare?: (args: Readonly<Record<string, unknown>>) => Promise<void>;
  /** The stage's input; its memory counts towards the stage's peak. */
  readonly load: (args: Readonly<Record<string, unknown>>) => Promise<unknown>;
  /** The timed part (`ms` overrides the child's clock). `output` is kept alive until memory has been read. */
  readonly run: (
    input: unknown,
    args: Readonly<Record<string, unknown>>,
  ) => Promise<{ output: unknown; extra?: Record<string, unknown>; ms?: number }>;
}

const INGEST_OPTIONS = { maxFileBytes: 1e9 };

function pathOf(args: Readonly<Record<string, unknown>>): string {
  if (typeof args.path !== 'string') throw new Error('stage needs a path');
  return args.path;
}

function stringArg(args: Readonly<Record<string, unknown>>, key: string, fallback: string): string {
  const value = args[key];
  return typeof value === 'string' ? value : fallback;
}

async function readBytes(args: Readonly<Record<string, unknown>>): Promise<Uint8Array> {
  return new Uint8Array(await readFile(pathOf(args)));
}

/** papaparse's own typed parse: decode, then rows with dynamicTyping, consumed chunk by chunk. */
function papaTyped(bytes: Uint8Array, delimiter: string): number {
  const text = new TextDecoder().decode(bytes);
  let cells = 0;
  Papa.parse<unknown[]>(text, {
    delimiter,
    dynamicTyping: true,
    skipEmptyLines: true,
    complete: () => undefined,
    chunk: (results: Papa.ParseResult<unknown[]>) => {
      for (const row of results.data) cells += row.length; // rows are not kept: a lower bound on memory
    },
  });
  return cells;
}

/** The file read straight into shared memory, as the CLI reads a file it will parse on two threads. */
async function readShared(args: Readonly<Record<string, unknown>>): Promise<Uint8Array> {
  return readInput(pathOf(args), await sizeOf(pathOf(args), Infinity), true);
}

let second: SecondThreadRunners | undefined;

const noisyCli = { stdout: () => undefined, stderr: (text: string) => process.stderr.write(text) };

export const STAGES: Readonly<Record<string, Stage>> = {
  'parse-ours': {
    load: readBytes,
    run: async (bytes, args) => {
      const result = await ingestBytes(bytes as Uint8Array, stringArg(args, 'name', 'bench.csv'), INGEST_OPTIONS);
      return { output: result, extra: { rows: result.table.rowCount } };
    },
  },
  // The second thread is started before the clock, as the CLI and the app start it while the file is read.
  'parse-ours-2t': {
    prepare: async () => {
      second = createCliSecondThread();
      await second.warm();
    },
    load: readShared,
    run: async (bytes, args) => {
      const hooks = { runRange: second?.runRange };
      const result = await ingestBytes(
        bytes as Uint8Array,
        stringArg(args, 'name', 'bench.csv'),
        INGEST_OPTIONS,
        hooks,
      );
      if (result.threads !== 2) throw new Error('the two-thread parse fell back to one thread');
      return { output: result, extra: { rows: result.table.rowCount, threads: result.threads } };
    },
  },
  'parse-papa': {
    load: readBytes,
    run: (bytes, args) => {
      const cells = papaTyped(bytes as Uint8Array, stringArg(args, 'delimiter', ','));
      return Promise.resolve({ output: cells, extra: { cells } });
    },
  },
  profile: {
    load: async (args) => (await ingestBytes(await readBytes(args), 'bench.csv', INGEST_OPTIONS)).table,
    run: async (table) => ({
      output: await profileTable(table as Parameters<typeof profileTable>[0], {
        format: { decimal: '.', thousands: '' },
      }),
    }),
  },
  // As the CLI runs it: the second thread read half of the file, then takes part of the profile.
  'profile-2t': {
    prepare: async () => {
      second = createCliSecondThread();
      await second.warm();
    },
    load: async (args) =>
      (await ingestBytes(await readShared(args), 'bench.csv', INGEST_OPTIONS, { runRange: second?.runRange })).table,
    run: async (table) => {
      const profile = await profileTable(
        table as Parameters<typeof profileTable>[0],
        { format: { decimal: '.', thousands: '' } },
        {},
        second?.profile,
      );
      if (profile.threads !== 2) throw new Error('the two-thread profile fell back to one thread');
      return { output: profile, extra: { threads: profile.threads } };
    },
  },
  'xlsx-ours': {
    load: readBytes,
    run: async (bytes) => {
      const result = await ingestBytes(bytes as Uint8Array, 'bench.xlsx', INGEST_OPTIONS);
      return { output: result, extra: { rows: result.table.rowCount } };
    },
  },
  'xlsx-sheetjs': {
    load: readBytes,
    run: (bytes) => {
      const workbook = XLSX.read(bytes, { type: 'array' });
      const sheet = workbook.Sheets[workbook.SheetNames[0] ?? ''];
      if (sheet === undefined) throw new Error('no sheet');
      const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
      return Promise.resolve({ output: rows, extra: { rows: rows.length - 1 } });
    },
  },
  pipeline: {
    prepare: async () => {
      await startTf(); // load the WASM backend before the baseline, as a long-lived process would
    },
    load: () => Promise.resolve(join(tmpdir(), `smartdata-bench-report-${process.pid}.json`)),
    run: async (out, args) => {
      const argv = ['analyze', pathOf(args), '--max-mb', '1000', '--out', String(out)];
      const t0 = performance.now();
      const code = await cliMain(argv, { ...noisyCli, isStderrTty: false, version: 'bench' });
      const ms = performance.now() - t0;
      if (code !== 0) throw new Error(`smartdata analyze exited ${code}`);
      const report = JSON.parse(await readFile(String(out), 'utf8')) as {
        timings: Record<string, number>;
        clustering: { k: number } | null;
      };
      await rm(String(out), { force: true });
      return { output: report, ms, extra: { timings: report.timings, k: report.clustering?.k ?? null } };
    },
  },
};

/*
 * The same stages warm, as in the app's second file: the worker (and its second thread) already
 * ran the stage once on this file before the clock starts. The one-off cost of a cold engine
 * (JIT warm-up, first-touched memory) is then out of the measurement.
 */
function warm(stage: Stage): Stage {
  return {
    prepare: async (args) => {
      await stage.prepare?.(args);
      await stage.run(await stage.load(args), args);
      (globalThis as { gc?: () => void }).gc?.();
    },
    load: stage.load,
    run: stage.run,
  };
}

export const WARM_STAGES: Readonly<Record<string, Stage>> = Object.fromEntries(
  ['parse-ours', 'parse-ours-2t', 'profile', 'profile-2t'].map((name) => [`${name}-warm`, warm(STAGES[name] as Stage)]),
);
