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
  /** The specific message, in English (the CLI prints it; a bug report quotes it). */
  readonly message: string;
  /** The same message in Spanish, for a Spanish page; absent for errors only the CLI raises. */
  readonly es?: string;
  readonly details?: ErrorDetails;
}

/** A specific message in both of the page's languages. */
export interface Bilingual {
  readonly en: string;
  readonly es: string;
}

/** UNKNOWN_TABLE's message when the worker no longer holds a table (it restarted, or the table was freed). */
export const TABLE_NOT_LOADED: Bilingual = {
  en: 'This table is no longer loaded: open the file again.',
  es: 'Esta tabla ya no está cargada: vuelve a abrir el archivo.',
};

/** INVALID_OPTION's message for a column name the table does not have. */
export function noColumn(name: string): Bilingual {
  return { en: `There is no column "${name}".`, es: `No hay ninguna columna «${name}».` };
}

/** An expected failure of the analysis (bad input, impossible request), as opposed to a bug. */
export class AnalysisError extends Error {
  override readonly name = 'AnalysisError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  readonly es: string | undefined;

  constructor(code: ErrorCode, message: string | Bilingual, details?: ErrorDetails) {
    super(typeof message === 'string' ? message : message.en);
    this.code = code;
    this.details = details;
    this.es = typeof message === 'string' ? undefined : message.es;
  }

  toData(): ErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.es === undefined ? {} : { es: this.es }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/**
 * A number as Spanish text: decimal comma, thousands grouped even in four-digit numbers (1.234,5;
 * es-ES leaves 1234 ungrouped, which readers misread), at most `digits` decimals.
 */
export function spanishNumber(value: number, digits = 6): string {
  return new Intl.NumberFormat('es-ES', { useGrouping: true, maximumFractionDigits: digits }).format(value);
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
    return { code: 'CANCELLED', message: 'The analysis was cancelled.', es: 'Se canceló el análisis.' };
  }
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    code: 'INTERNAL',
    message: 'An unexpected internal error occurred.',
    es: 'Se produjo un error interno inesperado.',
    details: { cause },
  };
}
