/*
 * The worker's state and methods, free of comlink and of worker globals so that contract tests can
 * call it in-process. The dataset lives here (actor model): callers hold only handles.
 */
import { throwIfCancelled, type CancelToken } from '../src/core/cancel.ts';
import { toErrorData, AnalysisError, TABLE_NOT_LOADED, type ErrorData } from '../src/core/errors.ts';
import type { JobHooks } from '../src/core/job.ts';
import { throttleProgress, type ProgressCallback } from '../src/core/progress.ts';
import { analyze, numberFormatOf } from '../src/core/analyze.ts';
import { samplePair } from '../src/core/pair-sample.ts';
import { exportCsv, type CsvExportOptions } from '../src/core/export-csv.ts';
import { columnOrder, rowWindow } from '../src/core/table-view.ts';
import type { Column } from '../src/core/table.ts';
import { assertFileSize, ingestBytes, type IngestResult } from '../src/ingest/ingest.ts';
import type { SecondThreadRunners } from './second-thread-tasks.ts';
import { MIN_SPLIT_BYTES } from '../src/ingest/split-delimited.ts';
import type { IngestOptions } from '../src/ingest/options.ts';
import type { Warning } from '../src/core/warnings.ts';
import { tableBytes } from '../src/core/memory.ts';
import type { AnalysisApi, BackendInfo, MemoryInfo, ParseOutcome, TableHandle, WireResult } from './api.ts';

export interface ServiceDeps {
  readonly initBackend: () => Promise<BackendInfo>;
  readonly version: string;
  /** Lets queued messages (a cancel) run; a macrotask in workers. */
  readonly yieldNow: () => Promise<void>;
  readonly now?: () => number;
  /** The worker's JS heap in use, where the engine reports it. */
  readonly heapBytes?: () => number | null;
  /** A second thread that reads half of a large CSV and helps profile a large table (absent: one thread). */
  readonly secondThread?: SecondThreadRunners;
}

/** Chromium's non-standard `performance.memory`, when this global has it. */
export function engineHeapBytes(): number | null {
  const memory = (performance as { memory?: { usedJSHeapSize?: unknown } }).memory;
  return typeof memory?.usedJSHeapSize === 'number' ? memory.usedJSHeapSize : null;
}

const READ_PROGRESS_INTERVAL_MS = 100;

async function wire<T>(run: () => Promise<T>): Promise<WireResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}

/* One chunk of the file; a file deleted, moved or locked meanwhile is a specific refusal, not a crash. */
async function readChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch (error) {
    const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new AnalysisError(
      'CORRUPT_FILE',
      {
        en: 'The file could not be read to the end: it was moved, deleted or changed meanwhile.',
        es: 'No se pudo leer el archivo hasta el final: se movió, se borró o cambió mientras tanto.',
      },
      {
        cause,
      },
    );
  }
}

/** Reads a Blob through its stream into one buffer, reporting bytes read and honouring cancel. */
export async function readBlob(blob: Blob, hooks: JobHooks): Promise<Uint8Array> {
  const bytes = new Uint8Array(blob.size);
  const reader = blob.stream().getReader();
  let offset = 0;
  try {
    for (;;) {
      const { done, value } = await readChunk(reader);
      if (done) break;
      throwIfCancelled(hooks.cancel);
      if (offset + value.length > bytes.length)
        throw new AnalysisError('CORRUPT_FILE', {
          en: 'The file changed while it was read.',
          es: 'El archivo cambió mientras se leía.',
        });
      bytes.set(value, offset);
      offset += value.length;
      hooks.onProgress?.({ stage: 'read', done: offset, total: bytes.length });
    }
  } finally {
    reader.releaseLock();
  }
  return offset === bytes.length ? bytes : bytes.subarray(0, offset);
}

/** The WASM_UNAVAILABLE notice as a report warning, keeping the technical cause. */
export function noticeWarning(notice: ErrorData): Warning {
  const cause = notice.details?.cause;
  return { code: 'WASM_UNAVAILABLE', message: notice.message, ...(typeof cause === 'string' ? { detail: cause } : {}) };
}

interface StoredTable {
  readonly ingest: IngestResult;
  readonly timings: Record<string, number>;
  /** Cluster labels of the last analysis, for the labelled export and the data table. */
  readonly labels?: Int32Array | null;
  /** Row orders by sorted column, for the data table (at most one kept). */
  readonly orders: Map<string, Int32Array>;
}

/** Export in the file's own dialect (so Spanish users get `;` and decimal commas back). */
export function csvOptionsFor(ingest: IngestResult, labels: Int32Array | undefined): CsvExportOptions {
  const { delimiter, decimalSeparator } = ingest.file;
  return {
    delimiter: delimiter === ';' || delimiter === '\t' || delimiter === '|' ? delimiter : ',',
    decimal: decimalSeparator ?? '.',
    ...(labels === undefined ? {} : { labels }),
  };
}

/** Creates the worker-side implementation of {@link AnalysisApi}. */
export function createAnalysisService(deps: ServiceDeps) {
  const now = deps.now ?? (() => performance.now());
  const tables = new Map<number, StoredTable>();
  const jobs = new Map<number, { aborted: boolean }>();
  let nextHandle = 1;
  let tfLoaded = false;

  function startJob(jobId: number): { aborted: boolean } {
    const token = jobs.get(jobId) ?? { aborted: false };
    jobs.set(jobId, token);
    return token;
  }

  function hooksFor(cancel: CancelToken, onProgress: ProgressCallback | undefined): JobHooks {
    return {
      cancel,
      yieldNow: deps.yieldNow,
      onProgress: throttleProgress(onProgress, READ_PROGRESS_INTERVAL_MS),
    };
  }

  function tableFor(handle: TableHandle): StoredTable {
    const stored = tables.get(handle.id);
    if (stored === undefined) {
      throw new AnalysisError('UNKNOWN_TABLE', TABLE_NOT_LOADED);
    }
    return stored;
  }

  const service = {
    async parse(jobId, file, fileName, options: IngestOptions, onProgress) {
      const cancel = startJob(jobId);
      try {
        return await wire(async () => {
          const hooks = hooksFor(cancel, onProgress);
          const t0 = now();
          assertFileSize(file.size, options.maxFileBytes);
          const second = file.size >= MIN_SPLIT_BYTES ? deps.secondThread : undefined;
          void second?.warm(); // starts while the file is read
          const bytes = await readBlob(file, hooks);
          const t1 = now();
          const ingest = await ingestBytes(bytes, fileName, options, { ...hooks, runRange: second?.runRange });
          const timings = { read: t1 - t0, parse: now() - t1 };
          const handle = { id: nextHandle++ };
          tables.set(handle.id, { ingest, timings, orders: new Map() });
          const outcome: ParseOutcome = {
            handle,
            file: ingest.file,
            rows: ingest.table.rowCount,
            rowsSkipped: ingest.rowsSkipped,
            columnNames: ingest.table.columns.map((c) => c.name),
            warnings: ingest.warnings,
            timings,
          };
          return outcome;
        });
      } finally {
        jobs.delete(jobId);
      }
    },

    async analyze(jobId, handle, options, onProgress?, onProfiled?) {
      const cancel = startJob(jobId);
      try {
        return await wire(async () => {
          const { ingest, timings } = tableFor(handle);
          const backend = await deps.initBackend();
          throwIfCancelled(cancel);
          const tf = await import('@tensorflow/tfjs-core');
          tfLoaded = true;
          const context = {
            tf,
            version: deps.version,
            timings,
            engine: { backend: backend.backend, parseThreads: ingest.threads },
            notices: backend.notice === null ? [] : [noticeWarning(backend.notice)],
            now,
            ...(onProfiled === undefined ? {} : { onProfiled }),
            ...(deps.secondThread === undefined
              ? {}
              : { secondThread: deps.secondThread.profile, clusterHelper: deps.secondThread.cluster }),
          };
          const { report, labels } = await analyze(ingest, options, context, hooksFor(cancel, onProgress));
          tables.set(handle.id, { ingest, timings, labels, orders: new Map() });
          return report;
        });
      } finally {
        jobs.delete(jobId);
      }
    },

    rows(handle, request) {
      return wire(() => {
        const stored = tableFor(handle);
        const { table } = stored.ingest;
        const sort = request.sort;
        let order: Int32Array | undefined;
        if (sort !== undefined && table.columns[sort.column] !== undefined) {
          const key = `${sort.column}:${sort.descending ? 'd' : 'a'}`;
          order = stored.orders.get(key);
          if (order === undefined) {
            order = columnOrder(table.columns[sort.column] as Column, sort.descending);
            stored.orders.clear(); // keep one order: they are as large as the table's row count
            stored.orders.set(key, order);
          }
        }
        return Promise.resolve(rowWindow(table, request, order, stored.labels));
      });
    },

    pairSample(handle, x, y) {
      return wire(() => {
        const { ingest } = tableFor(handle);
        return Promise.resolve(samplePair(ingest.table, x, y, numberFormatOf(ingest.file)));
      });
    },

    exportCsv(handle) {
      return wire(() => {
        const { ingest, labels } = tableFor(handle);
        const text = exportCsv(ingest.table, csvOptionsFor(ingest, labels ?? undefined));
        return Promise.resolve(new Blob([text], { type: 'text/csv;charset=utf-8' }));
      });
    },

    release(handle) {
      tables.delete(handle.id);
      return Promise.resolve();
    },

    cancel(jobId) {
      const token = jobs.get(jobId);
      if (token !== undefined) token.aborted = true;
    },

    backend() {
      return wire(() => deps.initBackend());
    },

    memory() {
      return wire(async () => {
        let bytes = 0;
        for (const { ingest, labels } of tables.values()) bytes += tableBytes(ingest.table) + (labels?.byteLength ?? 0);
        // Only ask TF.js when analysis already loaded it: the memory view must not load 300 KB.
        const tf = tfLoaded ? await import('@tensorflow/tfjs-core') : undefined;
        const tensors = tf?.memory();
        const info: MemoryInfo = {
          tables: tables.size,
          tableBytes: bytes,
          tensors: tensors?.numTensors ?? null,
          tensorBytes: tensors?.numBytes ?? null,
          heapBytes: (deps.heapBytes ?? engineHeapBytes)(),
        };
        return info;
      });
    },
  } satisfies AnalysisApi;
  return service;
}
