/*
 * The worker's API over a real comlink channel (Node MessageChannel), in-process: wire shapes,
 * errors as data, progress through proxied callbacks, cancellation and table handles.
 */
import { expose, proxy, wrap, type Remote } from 'comlink';
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/progress.ts';
import type { Report } from '../../src/core/report.ts';
import { createAnalysisService, readBlob } from '../../workers/analysis-service.ts';
import type { AnalysisApi, ParseOutcome, WireResult } from '../../workers/api.ts';
import { startTf } from '../../workers/tf-init.ts';
import { reportSchemaErrors } from '../unit/schema.ts';

const channel = new MessageChannel();
const service = createAnalysisService({
  initBackend: () => startTf(),
  version: 'contract',
  yieldNow: () => new Promise((resolve) => setTimeout(resolve, 0)),
});
expose(service, channel.port1);
const api: Remote<AnalysisApi> = wrap<AnalysisApi>(channel.port2);

afterAll(() => {
  channel.port1.close();
  channel.port2.close();
});

const csv = (text: string): Blob => new Blob([text], { type: 'text/csv' });

describe('AnalysisApi contract', () => {
  it('is implemented by the service, and comlink keeps its result types', () => {
    expectTypeOf(service).toExtend<AnalysisApi>();
    expectTypeOf<Awaited<ReturnType<typeof api.parse>>>().toExtend<WireResult<ParseOutcome>>();
    expectTypeOf<Awaited<ReturnType<typeof api.analyze>>>().toExtend<WireResult<Report>>();
    expectTypeOf<WireResult<Report>>().toExtend<Awaited<ReturnType<typeof api.analyze>>>();
  });

  it('parses a Blob, keeps the table in the worker and reports progress', async () => {
    const events: ProgressEvent[] = [];
    const result = await api.parse(
      1,
      csv('a,b\n1,x\n2,y\n'),
      'ab.csv',
      {},
      proxy((e: ProgressEvent) => events.push(e)),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ rows: 2, columnNames: ['a', 'b'], file: { name: 'ab.csv', format: 'csv' } });
    expect(result.value.handle).toEqual({ id: expect.any(Number) as number });
    await new Promise((resolve) => setTimeout(resolve, 10)); // proxied calls are fire-and-forget
    expect(events.map((e) => e.stage)).toContain('read');
    const report = await api.analyze(2, result.value.handle, {});
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(reportSchemaErrors(report.value)).toBe('');
    expect(report.value.engine).toEqual({ backend: 'wasm', parseThreads: 1, profileThreads: 1 });
    expect(Object.keys(report.value.timings)).toEqual(['read', 'parse', 'profile', 'cluster']);
  });

  it('clusters in the worker and exports the labelled rows as an Excel-safe CSV Blob', async () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) => `${i < 20 ? i % 5 : 100 + (i % 5)},${i % 2 === 0 ? '=1+1' : 'ok'}`,
    );
    const parsed = await api.parse(7, csv(`v,note\n${rows.join('\n')}\n`), 'c.csv', {});
    if (!parsed.ok) throw new Error('parse failed');
    const report = await api.analyze(8, parsed.value.handle, { cluster: { k: 2 } });
    expect(report.ok && report.value.clustering?.sizes).toEqual([20, 20]);
    const exported = await api.exportCsv(parsed.value.handle);
    if (!exported.ok) throw new Error('export failed');
    const text = await exported.value.text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('v,note,cluster');
    expect(lines[1]).toMatch(/^0,'=1\+1,[01]$/);
    expect(new Set(lines.slice(1, 21).map((l) => l.split(',')[2])).size).toBe(1);
  });

  it('sends the profile before clustering starts, then the full report with the same profile', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i < 20 ? i % 5 : 100 + (i % 5)},${i % 3}`);
    const parsed = await api.parse(11, csv(`v,w\n${rows.join('\n')}\n`), 'p.csv', {});
    if (!parsed.ok) throw new Error('parse failed');
    const early: Report[] = [];
    const final = await api.analyze(
      12,
      parsed.value.handle,
      { cluster: { k: 2 } },
      undefined,
      proxy((report: Report) => early.push(report)),
    );
    if (!final.ok) throw new Error('analyze failed');
    // It travels on its own port, so it may land after the result: the UI drops a late one.
    await expect.poll(() => early.length).toBe(1);
    const [profiled] = early;
    expect(profiled?.clustering).toBeNull();
    expect(reportSchemaErrors(profiled)).toBe('');
    expect(Object.keys(profiled?.timings ?? {})).toEqual(['read', 'parse', 'profile']);
    expect(profiled?.columns).toEqual(final.value.columns);
    expect(final.value.clustering?.k).toBe(2);
    // Without clustering there is nothing to wait for: no early report.
    const none: Report[] = [];
    await api.analyze(
      13,
      parsed.value.handle,
      { cluster: false },
      undefined,
      proxy((r: Report) => none.push(r)),
    );
    expect(none).toEqual([]);
  });

  it('returns expected failures as data with a known code', async () => {
    const result = await api.parse(3, new Blob(['%PDF-1.4 junk']), 'x.csv', {});
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'UNSUPPORTED_FORMAT',
        message: expect.stringContaining('PDF') as string,
        es: 'Este archivo es un documento PDF, no una tabla (CSV, TSV, XLSX o XLS).',
        details: { detected: 'a PDF document' },
      },
    });
  });

  it('refuses a file over the limit from its size, without reading it', async () => {
    let pulled = false;
    const huge = {
      size: 5 * 1024 ** 3,
      stream: () => {
        pulled = true;
        return new ReadableStream<Uint8Array>();
      },
    } as unknown as Blob;
    const result = await service.parse(13, huge, 'huge.csv', {}, undefined); // directly: a stub Blob cannot be cloned
    expect(result).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE', details: { bytes: 5 * 1024 ** 3 } } });
    expect(pulled).toBe(false);
  });

  it('refuses a file that cannot be read to the end (deleted or moved meanwhile) with CORRUPT_FILE, not a crash', async () => {
    const vanished = {
      size: 10,
      stream: () =>
        new ReadableStream<Uint8Array>({
          pull: (controller) => controller.error(new DOMException('The file was not found.', 'NotFoundError')),
        }),
    } as unknown as Blob;
    await expect(readBlob(vanished, {})).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
      details: { cause: 'NotFoundError: The file was not found.' },
    });
  });

  it('answers UNKNOWN_TABLE for released or foreign handles', async () => {
    const parsed = await api.parse(4, csv('a\n1\n'), 'a.csv', {});
    if (!parsed.ok) throw new Error('parse failed');
    await api.release(parsed.value.handle);
    const result = await api.analyze(5, parsed.value.handle, {});
    expect(!result.ok && result.error.code).toBe('UNKNOWN_TABLE');
  });

  it('stops a running parse when cancelled and reports CANCELLED', async () => {
    const big = csv(`a,b,c\n${'1,2,3\n'.repeat(1_500_000)}`);
    let cancelled = false;
    const onProgress = proxy((e: ProgressEvent) => {
      if (e.stage === 'parse' && !cancelled) {
        cancelled = true;
        void api.cancel(6);
      }
    });
    const result = await api.parse(6, big, 'big.csv', {}, onProgress);
    expect(cancelled).toBe(true);
    expect(!result.ok && result.error.code).toBe('CANCELLED');
  });

  it('cancels k-means between iterations, promptly, leaving no tensor behind', async () => {
    const tf = await import('@tensorflow/tfjs-core');
    const rows = Array.from({ length: 30_000 }, (_, i) => `${(i * 7919) % 1000},${(i * 104729) % 997},${i % 13}`);
    const parsed = await api.parse(9, csv(`a,b,c\n${rows.join('\n')}\n`), 'big.csv', {});
    if (!parsed.ok) throw new Error('parse failed');
    const before = tf.memory().numTensors;
    let cancelledAt = 0;
    const onProgress = proxy((e: ProgressEvent) => {
      if (e.stage === 'cluster' && cancelledAt === 0) {
        cancelledAt = performance.now();
        void api.cancel(10);
      }
    });
    const result = await api.analyze(10, parsed.value.handle, {}, onProgress);
    expect(!result.ok && result.error.code).toBe('CANCELLED');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports the backend it computes on', async () => {
    const result = await api.backend();
    expect(result).toEqual({ ok: true, value: { backend: 'wasm', notice: null, probe: 6 } });
  });

  it('counts what it holds: table bytes, tensors back to where they were after an analysis, nothing after release', async () => {
    const heapBytes = 1234;
    const counting = createAnalysisService({
      initBackend: () => startTf(),
      version: 'contract',
      yieldNow: () => Promise.resolve(),
      heapBytes: () => heapBytes,
    });
    const idle = await counting.memory();
    expect(idle).toEqual({
      ok: true,
      value: { tables: 0, tableBytes: 0, tensors: null, tensorBytes: null, heapBytes },
    });
    const parsed = await counting.parse(1, csv('n,t\n1,ab\n2,cde\n3,ab\n'), 'm.csv', {}, undefined);
    if (!parsed.ok) throw new Error(parsed.error.message);
    // n: 3 float64 = 24 bytes; t: 3 int32 codes = 12 bytes + 'ab' and 'cde' as UTF-16 = 10 bytes.
    expect(await counting.memory()).toMatchObject({ ok: true, value: { tables: 1, tableBytes: 46, tensors: null } });
    const before = (await import('@tensorflow/tfjs-core')).memory();
    const analysed = await counting.analyze(2, parsed.value.handle, {}, undefined);
    expect(analysed.ok).toBe(true);
    expect(await counting.memory()).toMatchObject({
      ok: true,
      value: { tables: 1, tensors: before.numTensors, tensorBytes: before.numBytes },
    });
    await counting.release(parsed.value.handle);
    expect(await counting.memory()).toMatchObject({ ok: true, value: { tables: 0, tableBytes: 0 } });
  });
});
