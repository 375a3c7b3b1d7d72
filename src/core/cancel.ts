/** Anything with an `aborted` flag: an AbortSignal satisfies it, so does a plain object in tests. */
export interface CancelToken {
  readonly aborted: boolean;
}

/** The error a cancelled job ends with. Its name matches DOM's AbortError so UIs can ignore it. */
export class CancelledError extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('The analysis was cancelled.');
  }
}

/** Throws {@link CancelledError} when the token is set. Cheap: call it between chunks. */
export function throwIfCancelled(cancel: CancelToken | undefined): void {
  if (cancel?.aborted === true) throw new CancelledError();
}

/** True for the error a cancelled job ends with, whatever realm it came from. */
export function isCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
