/*
 * The CLI's file reading: size checks first (nothing is read from a file over the limit), then the
 * bytes straight into one buffer (a SharedArrayBuffer when a second thread will parse half of it).
 */
import { open, stat } from 'node:fs/promises';
import { AnalysisError } from '../core/errors.ts';

/** The file's size, refused with a specific code when it is missing, a folder or over the limit. */
export async function sizeOf(path: string, maxFileBytes: number): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'it cannot be read';
    throw new AnalysisError('FILE_NOT_FOUND', `cannot open ${path}: ${reason}`);
  }
  if (info.isDirectory()) throw new AnalysisError('UNSUPPORTED_FORMAT', `${path} is a directory, not a file`);
  if (info.size > maxFileBytes) {
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
    throw new AnalysisError(
      'FILE_TOO_LARGE',
      `the file is ${mb(info.size)} MB; the limit is ${mb(maxFileBytes)} MB (see --max-mb)`,
    );
  }
  return info.size;
}

/** The file's bytes, in shared memory when a second thread will read half of them. */
export async function readInput(path: string, size: number, shared: boolean): Promise<Uint8Array> {
  const bytes = new Uint8Array(shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
  const file = await open(path);
  let offset = 0;
  try {
    for (;;) {
      const { bytesRead } = await file.read(bytes, offset, bytes.length - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
  } finally {
    await file.close();
  }
  return offset === size ? bytes : bytes.subarray(0, offset); // shorter if the file shrank meanwhile
}
