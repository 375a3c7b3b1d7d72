import { CancelledError } from '../core/cancel.ts';
import { AnalysisError, isErrorCode } from '../core/errors.ts';
import type { WireResult } from '../../workers/api.ts';

/**
 * Turns a wire result into a value or a thrown error: CANCELLED becomes an AbortError (which UIs
 * ignore), other codes an AnalysisError. A malformed payload becomes INTERNAL rather than a crash.
 */
export function unwrap<T>(result: WireResult<T>): T {
  if (result.ok) return result.value;
  const { code, message, es, details } = result.error;
  if (code === 'CANCELLED') throw new CancelledError();
  if (!isErrorCode(code)) throw new AnalysisError('INTERNAL', `Unknown error code from the worker: ${String(code)}`);
  throw new AnalysisError(code, typeof es === 'string' ? { en: message, es } : message, details);
}
