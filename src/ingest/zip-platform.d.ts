/*
 * The slice of the Compression Streams API that zip-guard.ts uses. Every target provides it with the
 * 'deflate-raw' format (Node 20, Chromium 103+, Firefox 113+, Safari 16.4+). Declared here because the
 * core/ingest tsconfig includes no DOM, WebWorker or Node types. The helper types are prefixed so that
 * only DecompressionStream itself would clash if a DOM lib were ever added (then delete this file).
 * Programs that have the DOM lib (the tests) type-check zip-guard.ts against the real declarations.
 */
type ZipStreamReadResult = { done: false; value: Uint8Array } | { done: true; value?: undefined };

interface ZipStreamReader {
  read(): Promise<ZipStreamReadResult>;
  cancel(reason?: unknown): Promise<void>;
}

interface ZipStreamWriter {
  write(chunk: Uint8Array<ArrayBuffer>): Promise<void>;
  close(): Promise<void>;
}

declare class DecompressionStream {
  constructor(format: 'deflate' | 'deflate-raw' | 'gzip');
  readonly readable: { getReader(): ZipStreamReader };
  readonly writable: { getWriter(): ZipStreamWriter };
}
