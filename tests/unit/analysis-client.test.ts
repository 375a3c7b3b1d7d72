/*
 * The client against a fake Worker whose other end is a real comlink-exposed object on a Node
 * MessageChannel: spawn, unwrap, cooperative and hard cancellation, crash detection and respawn.
 */
import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnalysisClient, WATCHDOG_MS, WATCHDOG_MS_PER_MB } from '../../src/client/analysis-client.ts';
import type { ProgressCallback, ProgressEvent } from '../../src/core/progress.ts';
import { createAnalysisService } from '../../workers/analysis-service.ts';
import type { AnalysisApi } from '../../workers/api.ts';
import { startTf } from '../../workers/tf-init.ts';
import { rejectionCode } from './helpers.ts';

class FakeWorker extends EventTarget {
  readonly port: MessagePort;
  isTerminated = false;
  constructor(api: object) {
    super();
    const channel = new MessageChannel();
    expose(api, channel.port1);
    this.port = channel.port2;
  }
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'message') this.port.addEventListener('message', listener as EventListener);
    else super.addEventListener(type, listener);
    if (type === 'message') this.port.start();
  }
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'message') this.port.removeEventListener('message', listener as EventListener);
    else super.removeEventListener(type, listener);
  }
  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.port.postMessage(message, transfer);
  }
  terminate(): void {
    this.isTerminated = true;
    this.port.close();
  }
  crash(message: string): void {
    const event = new Event('error', { cancelable: true });
    Object.assign(event, { message });
    this.dispatchEvent(event);
  }
}

function realService(): AnalysisApi {
  return createAnalysisService({
    initBackend: () => startTf(),
    version: 'client-test',
    yieldNow: () => new Promise((resolve) => setTimeout(resolve, 0)),
  });
}

/** A service whose parse never settles and ignores cancel: only terminate can stop it. */
function stuckService(): AnalysisApi {
  return { ...realService(), parse: () => new Promise(() => undefined), cancel: () => undefined };
}

function clientWith(makeApi: () => AnalysisApi, cancelGraceMs = 50, watchdogMs?: number) {
  const workers: FakeWorker[] = [];
  const client = new AnalysisClient({
    cancelGraceMs,
    ...(watchdogMs === undefined ? {} : { watchdogMs }),
    createWorker: () => {
      const worker = new FakeWorker(makeApi());
      workers.push(worker);
      return worker as unknown as Worker;
    },
  });
  return { client, workers };
}

const csv = (text: string): Blob => new Blob([text]);

describe('AnalysisClient', () => {
  it('spawns one worker lazily and unwraps results', async () => {
    const { client, workers } = clientWith(realService);
    expect(workers).toHaveLength(0);
    const parsed = await client.parse(csv('a,b\n1,2\n'), 'ab.csv');
    const report = await client.analyze(parsed.table);
    expect(report.rows).toBe(1);
    expect(workers).toHaveLength(1);
    client.dispose();
  });

  it('throws AnalysisError with the worker code', async () => {
    const { client } = clientWith(realService);
    expect(await rejectionCode(client.parse(new Blob(['']), 'empty.csv'))).toBe('EMPTY_FILE');
    client.dispose();
  });

  it('cancels cooperatively without killing the worker', async () => {
    const { client, workers } = clientWith(realService, 5_000);
    const controller = new AbortController();
    const run = client.parse(
      csv(`a,b\n${'1,2\n'.repeat(3_000_000)}`),
      'big.csv',
      {},
      {
        signal: controller.signal,
        onProgress: (e) => {
          if (e.stage === 'parse') controller.abort();
        },
      },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]?.isTerminated).toBe(false);
    client.dispose();
  });

  it('terminates a worker that ignores cancel after the grace period, then respawns', async () => {
    const { client, workers } = clientWith(stuckService);
    const controller = new AbortController();
    const run = client.parse(csv('a\n1\n'), 'a.csv', {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(workers[0]?.isTerminated).toBe(true);
    await expect(client.backend()).resolves.toMatchObject({ backend: 'wasm' });
    expect(workers).toHaveLength(2);
    client.dispose();
  });

  it('turns a worker crash into WORKER_CRASHED, respawns, and refuses stale handles', async () => {
    const { client, workers } = clientWith(realService);
    const parsed = await client.parse(csv('a\n1\n'), 'a.csv');
    const pending = client.backend();
    workers[0]?.crash('out of memory');
    await expect(pending).rejects.toMatchObject({ code: 'WORKER_CRASHED', details: { cause: 'out of memory' } });
    expect(await rejectionCode(client.analyze(parsed.table))).toBe('UNKNOWN_TABLE');
    const again = await client.parse(csv('a\n1\n2\n'), 'a.csv');
    expect(again.rows).toBe(2);
    expect(workers).toHaveLength(2);
    client.dispose();
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { client, workers } = clientWith(realService);
    const controller = new AbortController();
    controller.abort();
    await expect(client.parse(csv('a\n1\n'), 'a.csv', {}, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(workers).toHaveLength(0);
  });

  it('turns a worker the browser refuses to construct into WORKER_BLOCKED, as a rejection', async () => {
    let attempts = 0;
    const client = new AnalysisClient({
      createWorker: () => {
        attempts++;
        throw new DOMException("Failed to construct 'Worker': cannot be accessed from origin 'null'.", 'SecurityError');
      },
    });
    await expect(client.parse(csv('a\n1\n'), 'a.csv')).rejects.toMatchObject({
      code: 'WORKER_BLOCKED',
      details: { cause: expect.stringContaining('SecurityError') as string },
    });
    const pending = client.backend(); // not async: must still reject, never throw
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).rejects.toMatchObject({ code: 'WORKER_BLOCKED' });
    expect(attempts).toBe(2);
  });

  describe('watchdog', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('terminates a worker that stays silent for the whole period with WORKER_TIMEOUT, then respawns', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      let made = 0;
      const { client, workers } = clientWith(() => (made++ === 0 ? stuckService() : realService()));
      const run = client.parse(csv('a\n1\n'), 'a.csv');
      const outcome = run.then(
        () => 'resolved',
        (error: unknown) => error,
      );
      await vi.advanceTimersByTimeAsync(WATCHDOG_MS - 1);
      expect(workers[0]?.isTerminated).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await outcome).toMatchObject({ code: 'WORKER_TIMEOUT', details: { silentMs: WATCHDOG_MS } });
      expect(workers[0]?.isTerminated).toBe(true);
      vi.useRealTimers();
      expect((await client.parse(csv('a\n1\n2\n'), 'a.csv')).rows).toBe(2);
      expect(workers).toHaveLength(2);
      client.dispose();
    });

    it('gives a large file more silence while it is parsed (SheetJS reads a workbook in one call)', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const { client, workers } = clientWith(stuckService);
      const outcome = client.parse(new Blob([new Uint8Array(2_000_000)]), 'big.xlsx').then(
        () => 'resolved',
        (error: unknown) => error,
      );
      const allowedMs = WATCHDOG_MS + 2 * WATCHDOG_MS_PER_MB;
      await vi.advanceTimersByTimeAsync(allowedMs - 1);
      expect(workers[0]?.isTerminated).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await outcome).toMatchObject({ code: 'WORKER_TIMEOUT', details: { silentMs: allowedMs } });
      client.dispose();
    });

    it('treats every progress event as a sign of life, for all pending calls', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const pulse = pulseService();
      const { client, workers } = clientWith(() => pulse.api, 50, 1_000);
      const seen: ProgressEvent[] = [];
      let onSeen = (): void => undefined;
      const run = client.parse(csv('a\n1\n'), 'a.csv', {}, { onProgress: (e) => (seen.push(e), onSeen()) });
      const alsoPending = client.memory(); // answered only when the stuck parse ends, as in a busy worker
      const settled = Promise.allSettled([run, alsoPending]);
      for (let beat = 1; beat <= 5; beat++) {
        await vi.advanceTimersByTimeAsync(900);
        const arrived = new Promise<void>((resolve) => (onSeen = resolve));
        await pulse.beat(beat);
        await arrived;
      }
      expect(seen.map((e) => e.done)).toEqual([1, 2, 3, 4, 5]); // 4.5 s in all, never 1 s silent
      expect(workers[0]?.isTerminated).toBe(false);
      await vi.advanceTimersByTimeAsync(1_000);
      const [parsed, memory] = await settled;
      expect(parsed).toMatchObject({ status: 'rejected', reason: { code: 'WORKER_TIMEOUT' } });
      expect(memory).toMatchObject({ status: 'rejected', reason: { code: 'WORKER_TIMEOUT' } });
      expect(workers[0]?.isTerminated).toBe(true);
      client.dispose();
    });
  });
});

/** A service whose parse only reports the progress the test sends, and whose memory call never answers. */
function pulseService(): { api: AnalysisApi; beat: (done: number) => Promise<void> } {
  let started: (callback: ProgressCallback | undefined) => void = () => undefined;
  const progress = new Promise<ProgressCallback | undefined>((resolve) => (started = resolve));
  const api: AnalysisApi = {
    ...stuckService(),
    parse: (_job, _file, _name, _options, onProgress) => {
      started(onProgress);
      return new Promise(() => undefined);
    },
    memory: () => new Promise(() => undefined),
  };
  return {
    api,
    beat: async (done) => {
      const callback = await progress;
      if (callback === undefined) throw new Error('the client sent no progress callback');
      await Promise.resolve(callback({ stage: 'parse', done, total: 10 }));
    },
  };
}
