import { startTransition, useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { AnalysisClient, type ClientParseOutcome, type JobOptions } from '../client/analysis-client.ts';
import { CancelledError, isCancelled } from '../core/cancel.ts';
import { AnalysisError, toErrorData, type ErrorData } from '../core/errors.ts';
import type { ColumnType } from '../core/profile/infer-type.ts';
import type { ProgressEvent, Stage } from '../core/progress.ts';
import type { PairSample } from '../core/pair-sample.ts';
import type { Report } from '../core/report.ts';
import type { RowWindow, RowWindowRequest } from '../core/table-view.ts';
import type { ClusterOptions } from '../core/cluster/cluster.ts';
import type { IngestOptions } from '../ingest/options.ts';
import type { MemoryInfo } from '../../workers/api.ts';

/** One job's life, as the UI shows it. Results live apart so that a failure never hides them. */
export type Job =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'running';
      readonly fileName: string;
      readonly stage: Stage;
      readonly fraction: number;
      readonly startedAt: number;
      readonly detail?: ProgressEvent['detail'];
    }
  | { readonly kind: 'done' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly error: ErrorData; readonly fileName: string };

/** The file behind a result and the column types the user chose for it (kept to re-run or re-parse). */
export interface AnalysisSource {
  readonly file: Blob;
  readonly fileName: string;
  readonly types: Readonly<Record<string, ColumnType>>;
  /** Dialect and sheet choices (the embed API passes them; detected otherwise). */
  readonly ingest?: IngestOptions;
  readonly cluster?: ClusterOptions | false;
}

/** What a caller may choose for a new file (all optional). */
export type AnalysisChoices = Partial<Pick<AnalysisSource, 'ingest' | 'cluster' | 'types'>>;

/** How a run ended, for callers that must answer someone (the embed bridge). */
export type RunOutcome =
  { readonly ok: true; readonly report: Report } | { readonly ok: false; readonly error: ErrorData };

export interface AnalysisResult {
  readonly parse: ClientParseOutcome;
  readonly report: Report;
  readonly source: AnalysisSource;
  /** What the worker held right after this analysis (null if it could not say). */
  readonly memory: MemoryInfo | null;
  /** The profile is shown while clustering still runs (or after it was cancelled). */
  readonly isPartial: boolean;
}

const NO_TABLE = { en: 'No table is loaded.', es: 'No hay ninguna tabla cargada.' };

function isUnknownTable(error: unknown): boolean {
  return error instanceof AnalysisError && error.code === 'UNKNOWN_TABLE';
}

/**
 * Analyses `loaded` while its worker still holds it, else parses the kept File again first.
 * `onProfiled` gets the profile-only report while clustering still runs. A table read here is
 * freed when its analysis fails, unless `isShown` (its profile is on screen: the job was
 * cancelled or failed while clustering, and the rows, the scatter and the export still read it).
 */
async function loadAndAnalyze(
  client: AnalysisClient,
  source: AnalysisSource,
  loaded: ClientParseOutcome | null,
  job: JobOptions,
  onProfiled: (parse: ClientParseOutcome, report: Report) => void,
  isShown: (parse: ClientParseOutcome) => boolean,
): Promise<{ parse: ClientParseOutcome; report: Report }> {
  const options = { types: source.types, ...(source.cluster === undefined ? {} : { cluster: source.cluster }) };
  const analyzeJob = (parse: ClientParseOutcome): JobOptions => ({
    ...job,
    onProfiled: (report) => onProfiled(parse, report),
  });
  if (loaded !== null) {
    try {
      return { parse: loaded, report: await client.analyze(loaded.table, options, analyzeJob(loaded)) };
    } catch (error) {
      if (!isUnknownTable(error)) throw error; // a crashed worker lost the table: fall through and re-parse
    }
  }
  const parse = await client.parse(source.file, source.fileName, source.ingest ?? {}, job);
  try {
    return { parse, report: await client.analyze(parse.table, options, analyzeJob(parse)) };
  } catch (error) {
    if (!isShown(parse)) void client.release(parse.table);
    throw error;
  }
}

/**
 * Shows a new result, frees the previous table, then adds what the worker holds. The memory is
 * asked after the release (the worker answers in order), so the figure is what this file holds.
 */
function publish(
  client: AnalysisClient,
  current: AnalysisResult,
  resultRef: RefObject<AnalysisResult | null>,
  setResult: (result: AnalysisResult) => void,
  setDone?: () => void,
): void {
  const previous = resultRef.current;
  resultRef.current = current;
  // A transition: React renders the (large) report in slices, so the page keeps answering input
  // (no long task), and the progress panel stays until the report replaces it.
  startTransition(() => {
    setResult(current);
    setDone?.();
  });
  if (previous !== null && previous.parse.table !== current.parse.table) void client.release(previous.parse.table);
  void client.memory().then(
    (memory) => {
      if (resultRef.current !== current) return;
      resultRef.current = { ...current, memory };
      const withMemory = resultRef.current;
      startTransition(() => setResult(withMemory));
    },
    () => undefined,
  );
}

interface Runner {
  readonly job: Job;
  readonly result: AnalysisResult | null;
  readonly resultRef: RefObject<AnalysisResult | null>;
  readonly clientRef: RefObject<AnalysisClient | null>;
  readonly controllerRef: RefObject<AbortController | null>;
  readonly run: (source: AnalysisSource, loaded: ClientParseOutcome | null) => Promise<RunOutcome>;
}

/** One job at a time: starting one aborts the previous; a result replaces the last and frees its table. */
function useRunner(): Runner {
  const clientRef = useRef<AnalysisClient | null>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const resultRef = useRef<AnalysisResult | null>(null);
  const [job, setJob] = useState<Job>({ kind: 'idle' });
  const [result, setResult] = useState<AnalysisResult | null>(null);

  useEffect(() => () => clientRef.current?.dispose(), []);

  const run = useCallback(async (source: AnalysisSource, loaded: ClientParseOutcome | null): Promise<RunOutcome> => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    const client = (clientRef.current ??= new AnalysisClient());
    const tracker = trackJob(controller, source.fileName, loaded === null ? 'read' : 'profile', setJob);
    let isSettled = false;
    try {
      const job = { signal: controller.signal, onProgress: tracker.onProgress };
      const outcome = await loadAndAnalyze(
        client,
        source,
        loaded,
        job,
        (parse, report) => {
          // The profile first, while clustering runs. It comes on its own port, so it may arrive after
          // the full report, or after this job was replaced: then it is dropped.
          if (isSettled || controllerRef.current !== controller || controller.signal.aborted) return;
          publish(client, { parse, report, source, memory: null, isPartial: true }, resultRef, setResult);
        },
        (parse) => resultRef.current?.parse.table === parse.table,
      );
      isSettled = true;
      tracker.settle();
      const done = (): void => setJob({ kind: 'done' });
      publish(client, { ...outcome, source, memory: null, isPartial: false }, resultRef, setResult, done);
      return { ok: true, report: outcome.report };
    } catch (error) {
      isSettled = true;
      tracker.settle();
      const data: ErrorData = isCancelled(error) ? toErrorData(new CancelledError()) : toErrorData(error);
      if (controllerRef.current === controller) {
        setJob(isCancelled(error) ? { kind: 'cancelled' } : { kind: 'failed', error: data, fileName: source.fileName });
      }
      return { ok: false, error: data };
    }
  }, []);

  return { job, result, resultRef, clientRef, controllerRef, run };
}

/** Analysing the loaded file again: with a column type changed, read with other settings, or clustered otherwise. */
function useReruns(run: Runner['run'], resultRef: Runner['resultRef']) {
  const changeType = useCallback(
    async (columnName: string, type: ColumnType): Promise<void> => {
      const current = resultRef.current;
      if (current === null) return;
      const types = { ...current.source.types, [columnName]: type };
      await run({ ...current.source, types }, current.parse);
    },
    [run, resultRef],
  );

  const reread = useCallback(
    async (ingest: IngestOptions): Promise<void> => {
      const current = resultRef.current;
      if (current === null) return;
      // Other dialect, sheet or header: a new table, so earlier type choices no longer apply.
      await run({ ...current.source, ingest, types: {} }, null);
    },
    [run, resultRef],
  );

  const recluster = useCallback(
    async (cluster: ClusterOptions): Promise<void> => {
      const current = resultRef.current;
      if (current === null) return;
      await run({ ...current.source, cluster }, current.parse);
    },
    [run, resultRef],
  );

  return { changeType, reread, recluster };
}

/** What the panels ask the worker about the loaded table: rows, the points of a pair, the labelled CSV. */
function useTableQueries(
  result: AnalysisResult | null,
  resultRef: Runner['resultRef'],
  clientRef: Runner['clientRef'],
) {
  const exportCsv = useCallback(async (): Promise<Blob> => {
    const current = resultRef.current;
    const client = clientRef.current;
    if (current === null || client === null)
      throw new AnalysisError('UNKNOWN_TABLE', { en: 'Nothing to export yet.', es: 'Aún no hay nada que exportar.' });
    return client.exportCsv(current.parse.table);
  }, [resultRef, clientRef]);

  const loadRows = useCallback(
    async (request: RowWindowRequest): Promise<RowWindow> => {
      const current = resultRef.current;
      const client = clientRef.current;
      if (current === null || client === null) throw new AnalysisError('UNKNOWN_TABLE', NO_TABLE);
      return client.rows(current.parse.table, request);
    },
    [resultRef, clientRef],
  );

  // Its identity follows the loaded table, so charts fetching points refetch when the file changes.
  const table = result?.parse.table;
  const loadPair = useCallback(
    async (x: string, y: string): Promise<PairSample> => {
      const client = clientRef.current;
      if (table === undefined || client === null) throw new AnalysisError('UNKNOWN_TABLE', NO_TABLE);
      return client.pairSample(table, x, y);
    },
    [table, clientRef],
  );

  return { exportCsv, loadRows, loadPair };
}

/**
 * Runs parse → analyze on the worker for one file at a time; a new file cancels the previous job.
 * `changeType` re-runs only the analysis of the loaded table with the accumulated type overrides
 * (re-parsing the kept File if the worker was replaced since).
 */
export function useAnalysis(): {
  job: Job;
  result: AnalysisResult | null;
  analyzeFile: (file: Blob, fileName: string, choices?: AnalysisChoices) => Promise<RunOutcome>;
  changeType: (columnName: string, type: ColumnType) => Promise<void>;
  reread: (ingest: IngestOptions) => Promise<void>;
  recluster: (options: ClusterOptions) => Promise<void>;
  loadRows: (request: RowWindowRequest) => Promise<RowWindow>;
  loadPair: (x: string, y: string) => Promise<PairSample>;
  cancel: () => void;
  exportCsv: () => Promise<Blob>;
} {
  const { job, result, resultRef, clientRef, controllerRef, run } = useRunner();

  const analyzeFile = useCallback(
    (file: Blob, fileName: string, choices: AnalysisChoices = {}) =>
      run({ file, fileName, ...choices, types: choices.types ?? {} }, null),
    [run],
  );

  const { changeType, reread, recluster } = useReruns(run, resultRef);
  const cancel = useCallback(() => controllerRef.current?.abort(), [controllerRef]);

  const { exportCsv, loadRows, loadPair } = useTableQueries(result, resultRef, clientRef);

  return { job, result, analyzeFile, changeType, reread, recluster, loadRows, loadPair, cancel, exportCsv };
}

/** Shows the job as running and reports its progress until `settle()`: late progress messages never reopen it. */
function trackJob(
  controller: AbortController,
  fileName: string,
  stage: Stage,
  setJob: (job: Job) => void,
): { onProgress: (event: ProgressEvent) => void; settle: () => void } {
  const startedAt = performance.now();
  let isSettled = false;
  setJob({ kind: 'running', fileName, stage, fraction: 0, startedAt });
  const onProgress = (event: ProgressEvent): void => {
    if (isSettled || controller.signal.aborted) return;
    const fraction = event.total > 0 ? Math.min(1, event.done / event.total) : 0;
    setJob({ kind: 'running', fileName, stage: event.stage, fraction, startedAt, detail: event.detail });
  };
  const settle = (): void => {
    isSettled = true;
  };
  return { onProgress, settle };
}
