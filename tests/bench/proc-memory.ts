/*
 * Peak memory of a Chromium run, from outside: the summed resident set (VmRSS) of the renderer
 * processes of one browser profile (the page's main thread and its Web Workers live in its
 * renderer), sampled every 50 ms from /proc. Linux only; elsewhere it reports nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';

function rendererPids(userDataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes('--type=renderer') && cmdline.includes(`--user-data-dir=${userDataDir}`)) pids.push(+entry);
    } catch {
      // the process ended between readdir and read
    }
  }
  return pids;
}

function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

export interface RssSampler {
  /** Summed renderer RSS now, in bytes. */
  now(): number;
  /** Starts recording the peak from now on. */
  start(): void;
  /** Stops and returns the peak seen since `start`, in bytes. */
  stop(): number;
}

/** A sampler for the renderers of the Chromium running on `userDataDir`. */
export function rendererRss(userDataDir: string): RssSampler {
  let peak = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const now = (): number => rendererPids(userDataDir).reduce((sum, pid) => sum + rssBytes(pid), 0);
  return {
    now,
    start() {
      peak = now();
      timer = setInterval(() => (peak = Math.max(peak, now())), 50);
    },
    stop() {
      clearInterval(timer);
      return Math.max(peak, now());
    },
  };
}
