import { useCallback, useEffect, useRef, useState } from 'react';
import { AnalysisClient, type ClientParseOutcome } from '../client/analysis-client.ts';
import { isCancelled } from '../core/cancel.ts';
import { AnalysisError, type ErrorData } from '../core/errors.ts';
import type { ProgressEvent, Stage } from '../core/progress.ts';
import type { Report } from '../core/report.ts';

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
  | { readonly kind: 'failed'; readonly error: ErrorData };

export interface AnalysisResult {
  readonly parse: ClientParseOutcome;
  readonly report: Report;
}

function toErrorData(error: unknown): ErrorData {
  if (error instanceof AnalysisError) return error.toData();
  return { code: 'INTERNAL', message: 'Unexpected error', details: { cause: String(error) } };
}

/** Runs parse → analyze on the worker for one file at a time; a new file cancels the previous job. */
export function useAnalysis(): {
  job: Job;
  result: AnalysisResult | null;
  analyzeFile: (file: Blob, fileName: string) => Promise<void>;
  cancel: () => void;
  exportCsv: () => Promise<Blob>;
} {
  const clientRef = useRef<AnalysisClient | null>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const [job, setJob] = useState<Job>({ kind: 'idle' });
  const [result, setResult] = useState<AnalysisResult | null>(null);
  const resultRef = useRef<AnalysisResult | null>(null);

  useEffect(() => () => clientRef.current?.dispose(), []);

  const analyzeFile = useCallback(async (file: Blob, fileName: string) => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    clientRef.current ??= new AnalysisClient();
    const client = clientRef.current;
    const startedAt = performance.now();
    const onProgress = (event: ProgressEvent): void => {
      if (controller.signal.aborted) return;
      const fraction = event.total > 0 ? Math.min(1, event.done / event.total) : 0;
      setJob({ kind: 'running', fileName, stage: event.stage, fraction, startedAt, detail: event.detail });
    };
    setJob({ kind: 'running', fileName, stage: 'read', fraction: 0, startedAt });
    let parse: ClientParseOutcome | undefined;
    try {
      parse = await client.parse(file, fileName, {}, { signal: controller.signal, onProgress });
      const report = await client.analyze(parse.table, {}, { signal: controller.signal, onProgress });
      const previous = resultRef.current;
      resultRef.current = { parse, report };
      setResult(resultRef.current);
      setJob({ kind: 'done' });
      if (previous !== null) void client.release(previous.parse.table);
    } catch (error) {
      if (parse !== undefined) void client.release(parse.table);
      if (controllerRef.current !== controller) return; // superseded by a newer job
      setJob(isCancelled(error) ? { kind: 'cancelled' } : { kind: 'failed', error: toErrorData(error) });
    }
  }, []);

  const cancel = useCallback(() => controllerRef.current?.abort(), []);

  const exportCsv = useCallback(async (): Promise<Blob> => {
    const current = resultRef.current;
    const client = clientRef.current;
    if (current === null || client === null) throw new AnalysisError('UNKNOWN_TABLE', 'Nothing to export yet.');
    return client.exportCsv(current.parse.table);
  }, []);

  return { job, result, analyzeFile, cancel, exportCsv };
}
