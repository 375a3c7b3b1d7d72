/**
 * The closed set of failure codes that may cross the worker boundary, reach the UI or end the CLI.
 * Every code has a user-facing message in src/ui/error-messages.ts and an exit code in the CLI.
 */
export const ERROR_CODES = [
  'EMPTY_FILE',
  'FILE_NOT_FOUND',
  'WRITE_FAILED',
  'UNSUPPORTED_FORMAT',
  'CORRUPT_FILE',
  'FILE_TOO_LARGE',
  'TOO_MANY_ROWS',
  'TOO_MANY_COLUMNS',
  'FIELD_TOO_LONG',
  'UNSAFE_FILE',
  'NO_NUMERIC_COLUMNS',
  'K_OUT_OF_RANGE',
  'WASM_UNAVAILABLE',
  'WORKER_CRASHED',
  'WORKER_TIMEOUT',
  'WORKER_BLOCKED',
  'UNKNOWN_TABLE',
  'INVALID_OPTION',
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Details are plain data so that they survive structured cloning. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

/** The wire form of an error: what a worker returns instead of throwing. */
export interface ErrorData {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: ErrorDetails;
}

/** An expected failure of the analysis (bad input, impossible request), as opposed to a bug. */
export class AnalysisError extends Error {
  override readonly name = 'AnalysisError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.code = code;
    this.details = details;
  }

  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** True when `value` is one of the known codes (used to validate data read off the wire). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Converts anything thrown into wire data. Unknown errors become `INTERNAL` with their message kept
 * in `details.cause` so that a bug report can quote it.
 */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof AnalysisError) return error.toData();
  if (error instanceof Error && error.name === 'AbortError') {
    return { code: 'CANCELLED', message: 'The analysis was cancelled.' };
  }
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'INTERNAL', message: 'An unexpected internal error occurred.', details: { cause } };
}
