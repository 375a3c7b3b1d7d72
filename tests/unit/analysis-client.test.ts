/*
 * The client against a fake Worker whose other end is a real comlink-exposed object on a Node
 * MessageChannel: spawn, unwrap, cooperative and hard cancellation, crash detection and respawn.
 */
import { expose } from 'comlink';
import { describe, expect, it } from 'vitest';
import { AnalysisClient } from '../../src/client/analysis-client.ts';
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

function clientWith(makeApi: () => AnalysisApi, cancelGraceMs = 50) {
  const workers: FakeWorker[] = [];
  const client = new AnalysisClient({
    cancelGraceMs,
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
});
