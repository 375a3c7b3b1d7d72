/*
 * One measured stage in a process of its own (see isolate.ts for the memory method). Usage:
 * `node --import tsx --expose-gc stage-child.ts <stage> <json args>`; prints one result line.
 */
import { Worker } from 'node:worker_threads';
import { RESULT_PREFIX, type ChildResult } from './isolate.ts';
import { STAGES, WARM_STAGES } from './stages.ts';

const MB = 1e6;

/** Samples the process RSS from another thread into a shared slot, so a busy main thread is still seen. */
function startSampler(): { readonly peak: () => number; readonly reset: () => void; stop(): Promise<number> } {
  const slot = new BigInt64Array(new SharedArrayBuffer(8));
  const code = `
    const { workerData } = require('node:worker_threads');
    const slot = workerData;
    setInterval(() => {
      const rss = BigInt(process.memoryUsage.rss());
      if (rss > Atomics.load(slot, 0)) Atomics.store(slot, 0, rss);
    }, 2);`;
  const worker = new Worker(code, { eval: true, workerData: slot });
  return {
    peak: () => Number(Atomics.load(slot, 0)),
    reset: () => Atomics.store(slot, 0, BigInt(process.memoryUsage.rss())),
    stop: () => worker.terminate(),
  };
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function reachable(): number {
  collect();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external; // external already includes arrayBuffers
}

async function main(): Promise<void> {
  const [name = '', json = '{}'] = process.argv.slice(2);
  const stage = STAGES[name] ?? WARM_STAGES[name];
  if (stage === undefined) throw new Error(`unknown bench stage "${name}"`);
  const args = JSON.parse(json) as Record<string, unknown>;
  await stage.prepare?.(args);
  const sampler = startSampler();
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the sampler thread start
  const reachableBefore = reachable();
  const idle = process.memoryUsage.rss();
  const input: unknown = await stage.load(args);
  sampler.reset();
  const highWaterBefore = process.resourceUsage().maxRSS * 1024;
  const t0 = performance.now();
  const { output, extra, ms: stageMs } = await stage.run(input, args);
  const ms = stageMs ?? performance.now() - t0;
  (globalThis as { benchOutput?: unknown }).benchOutput = output; // reachable while `retained` is read
  const highWaterAfter = process.resourceUsage().maxRSS * 1024;
  const peak = Math.max(sampler.peak(), highWaterAfter > highWaterBefore ? highWaterAfter : 0);
  const retained = reachable() - reachableBefore;
  await sampler.stop();
  const result: ChildResult = {
    ms,
    peakMb: (peak - idle) / MB,
    idleMb: idle / MB,
    retainedMb: retained / MB,
    extra: extra ?? {},
  };
  // Exit explicitly (TF.js may keep handles open), once the line is flushed to the pipe.
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`, () => process.exit(0));
}

await main();
