/*
 * TF.js backend start-up, shared by the browser worker and the Node CLI: WASM (single-threaded,
 * SIMD when the engine has it), else the CPU backend with a WASM_UNAVAILABLE notice. Memoised by
 * the callers; never called from analysis code.
 */
import type { BackendInfo } from './api.ts';

/** How long WASM may take to start before the CPU backend takes over. */
export const WASM_INIT_TIMEOUT_MS = 15_000;

type WasmFileMap = Partial<
  Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>
>;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

async function probe(tf: typeof import('@tensorflow/tfjs-core')): Promise<number> {
  const t = tf.tensor1d([1, 2, 3]);
  const s = tf.sum(t);
  const [value] = await s.data();
  tf.dispose([t, s]);
  return value ?? NaN;
}

/**
 * Starts TF.js: registers the WASM backend (with `wasmFiles` when the binaries are served from
 * hashed URLs), disables threads, and falls back to CPU on any failure or timeout.
 */
export async function startTf(wasmFiles?: WasmFileMap, timeoutMs = WASM_INIT_TIMEOUT_MS): Promise<BackendInfo> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // Threaded WASM needs cross-origin isolation and breaks under minification (TOOLCHAIN.md).
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (wasmFiles !== undefined) wasm.setWasmPaths(wasmFiles);
    const isSet = await withTimeout(tf.setBackend('wasm'), timeoutMs, 'WASM backend start-up');
    if (!isSet) throw new Error('the WASM backend refused to initialise');
    await tf.ready();
    return { backend: tf.getBackend(), notice: null, probe: await probe(tf) };
  } catch (error) {
    await tf.setBackend('cpu');
    await tf.ready();
    const cause = error instanceof Error ? error.message : String(error);
    return {
      backend: tf.getBackend(),
      notice: {
        code: 'WASM_UNAVAILABLE',
        message: 'WebAssembly could not start: clustering runs on the slower CPU backend.',
        details: { cause },
      },
      probe: await probe(tf),
    };
  }
}
