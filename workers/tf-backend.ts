/*
 * Browser-only: the WASM binaries are imported with `?url` so that Vite emits them as hashed
 * assets served by the app itself (no CDN). The threaded binary is not shipped: threads are off.
 */
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import type { BackendInfo } from './api.ts';
import { startTf } from './tf-init.ts';

let ready: Promise<BackendInfo> | undefined;

/** Starts TF.js once per worker; later calls share the same promise. */
export function initBrowserBackend(): Promise<BackendInfo> {
  ready ??= startTf({
    'tfjs-backend-wasm.wasm': wasmPlainUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    // setWasmPaths demands an entry for every binary; threads are off, so this one is never fetched.
    'tfjs-backend-wasm-threaded-simd.wasm': wasmSimdUrl,
  });
  return ready;
}
