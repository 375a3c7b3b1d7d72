/** Stages of one analysis, in the order they run. */
export type Stage = 'read' | 'parse' | 'profile' | 'cluster';

/** One progress report. `done` and `total` share a unit that depends on the stage (bytes, rows). */
export interface ProgressEvent {
  readonly stage: Stage;
  readonly done: number;
  readonly total: number;
  /** Clustering only: where k-means is (k tried, restart, Lloyd iteration). */
  readonly detail?: {
    readonly k: number;
    readonly restart: number;
    readonly restarts: number;
    readonly iteration: number;
  };
}

export type ProgressCallback = (event: ProgressEvent) => void;

/**
 * Wraps a callback so that it fires at most once per `intervalMs` (plus always for the final event,
 * done === total). Keeps progress chatter across the worker boundary near 10 Hz.
 */
export function throttleProgress(
  callback: ProgressCallback | undefined,
  intervalMs = 100,
  now: () => number = () => Date.now(),
): ProgressCallback {
  let last = Number.NEGATIVE_INFINITY;
  return (event) => {
    if (callback === undefined) return;
    const t = now();
    if (event.done >= event.total || t - last >= intervalMs) {
      last = t;
      callback(event);
    }
  };
}
