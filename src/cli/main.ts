/*
 * The CLI: `smartdata analyze FILE` — the successor of `python analyze.py file.csv`. It runs the
 * same ingest and core code as the worker, on TF.js's WASM backend in Node.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AnalysisError } from '../core/errors.ts';
import type { ProgressEvent } from '../core/progress.ts';
import { ingestBytes } from '../ingest/ingest.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../ingest/options.ts';
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

async function readInput(path: string, maxFileBytes: number): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new AnalysisError('EMPTY_FILE', `cannot read ${path}: no such file`);
  }
  if (info.isDirectory()) throw new AnalysisError('UNSUPPORTED_FORMAT', `${path} is a directory, not a file`);
  if (info.size > maxFileBytes) {
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
    throw new AnalysisError(
      'FILE_TOO_LARGE',
      `the file is ${mb(info.size)} MB; the limit is ${mb(maxFileBytes)} MB (see --max-mb)`,
    );
  }
  return new Uint8Array(await readFile(path));
}

function progressPrinter(io: CliIo): ((event: ProgressEvent) => void) | undefined {
  if (!io.isStderrTty) return undefined;
  return (event) => {
    const percent = event.total > 0 ? Math.round((100 * event.done) / event.total) : 0;
    io.stderr(`\r${event.stage} ${percent}%   `);
  };
}

async function runAnalyze(args: CliArgs, io: CliIo): Promise<string> {
  const path = args.file ?? '';
  const t0 = performance.now();
  const bytes = await readInput(path, args.ingest.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  const t1 = performance.now();
  const hooks = { onProgress: progressPrinter(io) };
  const ingest = await ingestBytes(bytes, basename(path), args.ingest, hooks);
  const t2 = performance.now();
  const backend = await startTf();
  const tf = await import('@tensorflow/tfjs-core');
  const { report: final, labels } = await analyze(
    ingest,
    { types: args.types, cluster: args.cluster },
    {
      tf,
      version: io.version,
      timings: { read: t1 - t0, parse: t2 - t1 },
      engine: { backend: backend.backend },
      notices: backend.notice === null ? [] : [noticeWarning(backend.notice)],
    },
    hooks,
  );
  if (io.isStderrTty) io.stderr('\r\x1b[K');
  if (args.exportCsv !== undefined) {
    await writeFile(args.exportCsv, exportCsv(ingest.table, csvOptionsFor(ingest, labels ?? undefined)));
  }
  if (args.format === 'text') return formatTextSummary(final);
  return `${JSON.stringify(final, null, args.pretty ? 2 : undefined)}\n`;
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
    else await writeFile(args.out, output);
    return 0;
  } catch (error) {
    if (io.isStderrTty) io.stderr('\r\x1b[K');
    if (error instanceof AnalysisError) {
      io.stderr(`smartdata: ${args.file ?? ''}: ${error.message} [${error.code}]\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`smartdata: internal error: ${message}\n`);
    return 1;
  }
}
