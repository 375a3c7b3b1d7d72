/*
 * The few platform APIs that ingest relies on and that every target provides (browsers, workers and
 * Node 20). Declared here because the core/ingest tsconfig includes no DOM, WebWorker or Node types.
 */
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
interface TextDecodeOptions {
  stream?: boolean;
}
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: TextDecodeOptions): string;
}

/** High-resolution milliseconds; every target has `performance.now()`. */
declare const performance: { now(): number };
