import type { CancelToken } from './cancel.ts';
import type { ProgressCallback } from './progress.ts';

/**
 * What a long-running core or ingest function receives from its host (worker, CLI or test):
 * a cancel token checked between chunks, a progress sink, and a way to yield to the host's event
 * loop so that a cancel message can land. All optional; core never reaches for globals.
 */
export interface JobHooks {
  readonly cancel?: CancelToken;
  readonly onProgress?: ProgressCallback;
  readonly yieldNow?: () => Promise<void>;
}
