/*
 * The main thread's only door to the analysis worker: spawns it lazily, wraps it once, turns wire
 * results into values or errors, and makes cancellation and crashes deterministic. A worker that
 * crashed or was terminated is replaced on the next call; tables it held are gone, which callers see
 * as UNKNOWN_TABLE and answer by parsing the File again.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { AnalysisOptions } from '../core/analyze.ts';
import { CancelledError } from '../core/cancel.ts';
import { AnalysisError, TABLE_NOT_LOADED } from '../core/errors.ts';
import type { ProgressCallback, ProgressEvent } from '../core/progress.ts';
import type { PairSample } from '../core/pair-sample.ts';
import type { Report } from '../core/report.ts';
import type { RowWindow, RowWindowRequest } from '../core/table-view.ts';
import type { IngestOptions } from '../ingest/options.ts';
import type { AnalysisApi, BackendInfo, MemoryInfo, ParseOutcome, TableHandle, WireResult } from '../../workers/api.ts';
import { unwrap } from './unwrap.ts';

const CRASHED = {
  en: 'The analysis worker stopped unexpectedly.',
  es: 'El proceso de análisis se detuvo de forma inesperada.',
};

/** How long a cancelled job may take to stop by itself before its worker is terminated. */
export const CANCEL_GRACE_MS = 500;

/**
 * How long a call may go without a progress event or an answer before the worker is deemed hung
 * (an endless loop, a stuck library call) and terminated with WORKER_TIMEOUT. Generous: the
 * slowest silent step measured (SheetJS reading a large workbook) takes seconds, not a minute.
 */
export const WATCHDOG_MS = 60_000;

/**
 * Extra silence allowed while a file is parsed, per whole MB of it: SheetJS reads a workbook in one
 * silent call, measured at up to 1.7 s per MB (a 39 MB XLSX in 68 s on a loaded 2-core machine).
 */
export const WATCHDOG_MS_PER_MB = 5_000;

export interface JobOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressCallback;
  /** For analyze: the report without clustering, as soon as profiling ends (when clustering follows). */
  readonly onProfiled?: (report: Report) => void;
}

/** A table handle tied to the worker instance that holds the table. */
export interface ClientTableHandle {
  readonly generation: number;
  readonly handle: TableHandle;
}

export interface ClientParseOutcome extends Omit<ParseOutcome, 'handle'> {
  readonly table: ClientTableHandle;
}

export interface AnalysisClientOptions {
  readonly createWorker?: () => Worker;
  readonly cancelGraceMs?: number;
  /** Inactivity limit per call (progress events reset it); see {@link WATCHDOG_MS}. */
  readonly watchdogMs?: number;
}

interface Running {
  readonly fail: (error: Error) => void;
  /** How long this call may go without a sign of life from the worker. */
  readonly silentMs: number;
}

function defaultWorker(): Worker {
  return new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), {
    type: 'module',
    name: 'smartdata-analysis',
  });
}

export class AnalysisClient {
  #worker: Worker | undefined;
  #api: Remote<AnalysisApi> | undefined;
  #generation = 0;
  #nextJobId = 1;
  readonly #running = new Set<Running>();
  readonly #createWorker: () => Worker;
  readonly #graceMs: number;
  readonly #watchdogMs: number;
  #watchdog: ReturnType<typeof setTimeout> | undefined;

  constructor(options: AnalysisClientOptions = {}) {
    this.#createWorker = options.createWorker ?? defaultWorker;
    this.#graceMs = options.cancelGraceMs ?? CANCEL_GRACE_MS;
    this.#watchdogMs = options.watchdogMs ?? WATCHDOG_MS;
  }

  /** Sends the File itself to the worker (not its bytes) and parses it there. */
  async parse(
    file: Blob,
    fileName: string,
    options: IngestOptions = {},
    job: JobOptions = {},
  ): Promise<ClientParseOutcome> {
    const silentMs = this.#watchdogMs + Math.floor(file.size / 1e6) * WATCHDOG_MS_PER_MB;
    const { handle, ...rest } = await this.#run(
      job,
      (api, jobId, onProgress) => api.parse(jobId, file, fileName, options, onProgress),
      silentMs,
    );
    return { ...rest, table: { generation: this.#generation, handle } };
  }

  /** Builds the report of a parsed table. Throws UNKNOWN_TABLE if its worker has since been replaced. */
  analyze(table: ClientTableHandle, options: AnalysisOptions = {}, job: JobOptions = {}): Promise<Report> {
    if (table.generation !== this.#generation) return Promise.reject(unknownTable());
    const onProfiled = job.onProfiled === undefined ? undefined : proxy(job.onProfiled);
    return this.#run(job, (api, jobId, onProgress) =>
      api.analyze(jobId, table.handle, options, onProgress, onProfiled),
    );
  }

  /** A window of rows for the data table, read from the worker's copy of the table. */
  rows(table: ClientTableHandle, request: RowWindowRequest): Promise<RowWindow> {
    if (table.generation !== this.#generation) return Promise.reject(unknownTable());
    return this.#run({}, (api) => api.rows(table.handle, request));
  }

  /** Points for the scatter plot of two columns (seeded sample, computed in the worker). */
  pairSample(table: ClientTableHandle, x: string, y: string): Promise<PairSample> {
    if (table.generation !== this.#generation) return Promise.reject(unknownTable());
    return this.#run({}, (api) => api.pairSample(table.handle, x, y));
  }

  /** The analysed table as CSV with its cluster column, built in the worker. */
  exportCsv(table: ClientTableHandle): Promise<Blob> {
    if (table.generation !== this.#generation) return Promise.reject(unknownTable());
    return this.#run({}, (api) => api.exportCsv(table.handle));
  }

  /** Starts TF.js in the worker (once) and reports which backend runs. */
  backend(): Promise<BackendInfo> {
    return this.#run({}, (api) => api.backend());
  }

  /** What the worker holds (tables, tensors, heap); an idle client reports nothing loaded without spawning. */
  memory(): Promise<MemoryInfo> {
    if (this.#api === undefined) {
      return Promise.resolve({ tables: 0, tableBytes: 0, tensors: null, tensorBytes: null, heapBytes: null });
    }
    return this.#run({}, (api) => api.memory());
  }

  /** Frees a table in the worker; harmless for stale handles. */
  async release(table: ClientTableHandle): Promise<void> {
    if (table.generation === this.#generation && this.#api !== undefined) await this.#api.release(table.handle);
  }

  /** Terminates the worker; pending calls reject with an AbortError. */
  dispose(): void {
    this.#terminate(new CancelledError());
  }

  #ensureApi(): Remote<AnalysisApi> {
    if (this.#api !== undefined) return this.#api;
    const worker = startWorker(this.#createWorker);
    const onCrash = (event: Event): void => {
      event.preventDefault(); // the crash is handled here; keep it out of the console as uncaught
      const message = (event as Partial<ErrorEvent>).message;
      const detail = typeof message === 'string' && message !== '' ? message : event.type;
      this.#terminate(
        new AnalysisError('WORKER_CRASHED', CRASHED, {
          cause: detail || 'unknown',
        }),
      );
    };
    worker.addEventListener('error', onCrash);
    worker.addEventListener('messageerror', onCrash);
    this.#worker = worker;
    this.#generation++;
    this.#api = wrap<AnalysisApi>(worker);
    return this.#api;
  }

  /**
   * Any sign of life (a call sent or answered, a progress event) restarts the inactivity timer while
   * calls are pending; a worker that then stays silent for the whole period is deemed hung.
   */
  #feedWatchdog(): void {
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    if (this.#running.size === 0) return;
    const ms = Math.max(...[...this.#running].map((running) => running.silentMs));
    this.#watchdog = setTimeout(() => this.#terminate(timedOut(ms)), ms);
  }

  #terminate(reason: Error): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#api = undefined;
    for (const running of [...this.#running]) running.fail(reason);
  }

  #run<T>(
    job: JobOptions,
    call: (api: Remote<AnalysisApi>, jobId: number, onProgress?: ProgressCallback) => Promise<WireResult<T>>,
    silentMs = this.#watchdogMs,
  ): Promise<T> {
    const { signal, onProgress } = job;
    if (signal?.aborted === true) return Promise.reject(new CancelledError());
    let api: Remote<AnalysisApi>;
    try {
      api = this.#ensureApi();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const jobId = this.#nextJobId++;
    return new Promise<T>((resolve, reject) => {
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      const running: Running = { fail: (error) => settle(() => reject(error)), silentMs };
      const onAbort = (): void => {
        void api.cancel(jobId);
        graceTimer = setTimeout(() => this.#terminate(new CancelledError()), this.#graceMs);
      };
      const settle = (finish: () => void): void => {
        if (!this.#running.delete(running)) return;
        clearTimeout(graceTimer);
        signal?.removeEventListener('abort', onAbort);
        this.#feedWatchdog();
        finish();
      };
      this.#running.add(running);
      this.#feedWatchdog();
      signal?.addEventListener('abort', onAbort, { once: true });
      // Always listen to progress, even when the caller does not: each event proves the worker is alive.
      const progress = proxy((event: ProgressEvent) => {
        if (!this.#running.has(running)) return;
        this.#feedWatchdog();
        onProgress?.(event);
      });
      call(api, jobId, progress).then(
        (result) => settle(() => (signal?.aborted === true ? reject(new CancelledError()) : resolveOrReject(result))),
        (error: unknown) => settle(() => reject(error instanceof Error ? error : new Error(String(error)))),
      );
      function resolveOrReject(result: WireResult<T>): void {
        try {
          resolve(unwrap(result));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
    });
  }
}

/**
 * Constructs the worker. Browsers refuse a worker script from a document with an opaque origin (an
 * iframe sandboxed without allow-same-origin) with a SecurityError thrown by the constructor.
 */
function startWorker(create: () => Worker): Worker {
  try {
    return create();
  } catch (error) {
    const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const message = {
      en: 'The browser refused to start the analysis worker on this page.',
      es: 'El navegador no dejó iniciar el proceso de análisis en esta página.',
    };
    throw new AnalysisError('WORKER_BLOCKED', message, { cause });
  }
}

function timedOut(watchdogMs: number): AnalysisError {
  const message = {
    en: 'The analysis worker stopped responding and was restarted.',
    es: 'El proceso de análisis dejó de responder y se reinició.',
  };
  return new AnalysisError('WORKER_TIMEOUT', message, { silentMs: watchdogMs });
}

function unknownTable(): AnalysisError {
  return new AnalysisError('UNKNOWN_TABLE', TABLE_NOT_LOADED);
}
