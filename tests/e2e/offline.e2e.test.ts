/*
 * Offline use, as an installed PWA would live it: load once, let the service worker precache the
 * app, go offline, reload, then analyse a file end to end (parse, profile, clustering) and export.
 */
import { describe, expect, inject, it } from 'vitest';
import { dropFile, foreignRequests, sessionPerTest } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = sessionPerTest();

describe('offline', () => {
  it('reloads and analyses a file with the network off', async () => {
    const { page, context } = browser.current;
    await page.goto(baseUrl);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.active?.state;
    });
    await expect
      .poll(() => page.evaluate(async () => (await caches.keys()).length), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await context.setOffline(true);
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const rows = Array.from({ length: 60 }, (_, i) => `${i % 3 === 0 ? 1 : 20 + (i % 5)},${(i * 7) % 11},g${i % 3}`);
    await dropFile(page, 'offline.csv', `a,b,g\n${rows.join('\n')}\n`);
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 30_000 }).toBe('60');
    expect(await page.getByTestId('engine').textContent()).toBe('wasm');
    await expect.poll(() => page.getByTestId('cluster-k').count(), { timeout: 30_000 }).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    expect((await download).suggestedFilename()).toBe('offline.clusters.csv');
    expect(foreignRequests(browser.current.requests, new URL(baseUrl).origin)).toEqual([]);
  });
});
