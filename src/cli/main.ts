/*
 * The CLI: `smartdata analyze FILE` — the successor of `python analyze.py file.csv`. It runs the
 * same ingest and core code as the worker, on TF.js's WASM backend in Node.
 */
import { availableParallelism } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AnalysisError } from '../core/errors.ts';
import type { ProgressEvent } from '../core/progress.ts';
import { ingestBytes, type IngestResult } from '../ingest/ingest.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../ingest/options.ts';
import { MIN_SPLIT_BYTES } from '../ingest/split-delimited.ts';
import { createCliSecondThread } from './second-thread.ts';
import type { SecondThreadRunners } from '../../workers/second-thread-tasks.ts';
import { readInput, sizeOf } from './read-input.ts';
import { csvOptionsFor, noticeWarning } from '../../workers/analysis-service.ts';
import { analyze } from '../core/analyze.ts';
import { exportCsv } from '../core/export-csv.ts';
import { startTf } from '../../workers/tf-init.ts';
import { parseCliArgs, USAGE, UsageError, type CliArgs } from './args.ts';
import { formatTextSummary } from './text-summary.ts';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal: only then is progress shown. */
  readonly isStderrTty: boolean;
  readonly version: string;
}

function progressPrinter(io: CliIo): ((event: ProgressEvent) => void) | undefined {
  if (!io.isStderrTty) return undefined;
  return (event) => {
    const percent = event.total > 0 ? Math.round((100 * event.done) / event.total) : 0;
    io.stderr(`\r${event.stage} ${percent}%   `);
  };
}

/* Reads and parses the file; a large CSV's bytes go to shared memory for the second thread. */
async function ingestFile(
  args: CliArgs,
  hooks: { onProgress?: (event: ProgressEvent) => void },
  second: SecondThreadRunners | undefined,
): Promise<{ ingest: IngestResult; read: number; parse: number }> {
  const path = args.file ?? '';
  const t0 = performance.now();
  const size = await sizeOf(path, args.ingest.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const split = second !== undefined && size >= MIN_SPLIT_BYTES;
  if (split) void second.warm(); // starts while the file is read
  const bytes = await readInput(path, size, split);
  const t1 = performance.now();
  const runRange = split ? second.runRange : undefined;
  const ingest = await ingestBytes(bytes, basename(path), args.ingest, { ...hooks, runRange });
  return { ingest, read: t1 - t0, parse: performance.now() - t1 };
}

async function analyzeFile(args: CliArgs, io: CliIo, second: SecondThreadRunners | undefined): Promise<string> {
  // Yielding lets the second thread's answers in while this thread works (k-means fits).
  const hooks = {
    onProgress: progressPrinter(io),
    yieldNow: () => new Promise<void>((resolve) => setImmediate(resolve)),
  };
  const { ingest, read, parse } = await ingestFile(args, hooks, second);
  const backend = await startTf();
  const tf = await import('@tensorflow/tfjs-core');
  const { report: final, labels } = await analyze(
    ingest,
    { types: args.types, cluster: args.cluster },
    {
      tf,
      version: io.version,
      timings: { read, parse },
      engine: { backend: backend.backend, parseThreads: ingest.threads },
      notices: backend.notice === null ? [] : [noticeWarning(backend.notice)],
      ...(second === undefined ? {} : { secondThread: second.profile, clusterHelper: second.cluster }),
    },
    hooks,
  );
  if (io.isStderrTty) io.stderr('\r\x1b[K');
  if (args.exportCsv !== undefined) {
    await writeOutput(args.exportCsv, exportCsv(ingest.table, csvOptionsFor(ingest, labels ?? undefined)));
  }
  if (args.format === 'text') return formatTextSummary(final);
  return `${JSON.stringify(final, null, args.pretty ? 2 : undefined)}\n`;
}

/* Writes a report or an export; a missing folder, a folder as the target or no permission is WRITE_FAILED. */
async function writeOutput(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    const reason =
      code === 'ENOENT'
        ? 'its folder does not exist'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : code;
    throw new AnalysisError('WRITE_FAILED', `cannot write ${path}: ${reason}`);
  }
}

/* Large CSVs are read, profiled and clustered on two threads unless `--threads 1` or the machine has one core. */
async function runAnalyze(args: CliArgs, io: CliIo): Promise<string> {
  const twoThreads = (args.threads ?? Math.min(2, availableParallelism())) === 2;
  const second = twoThreads ? createCliSecondThread() : undefined;
  try {
    return await analyzeFile(args, io, second);
  } finally {
    await second?.close();
  }
}

/** Runs the CLI. Returns the exit code: 0 success, 1 the input could not be analysed, 2 bad usage. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`smartdata: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.command === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (args.command === 'version') {
    io.stdout(`${io.version}\n`);
    return 0;
  }
  try {
    const output = await runAnalyze(args, io);
    if (args.out === undefined) io.stdout(output);
    else await writeOutput(args.out, output);
    return 0;
  } catch (error) {
    if (io.isStderrTty) io.stderr('\r\x1b[K');
    if (error instanceof AnalysisError) {
      // The message names the path itself when it is about a path (opening, writing).
      const about = error.code === 'FILE_NOT_FOUND' || error.code === 'WRITE_FAILED' ? '' : `${args.file ?? ''}: `;
      io.stderr(`smartdata: ${about}${error.message} [${error.code}]\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`smartdata: internal error: ${message}\n`);
    return 1;
  }
}
