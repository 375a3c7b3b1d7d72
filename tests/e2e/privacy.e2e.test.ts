/*
 * Privacy in the built app: a strict Content Security Policy that breaks nothing, no request to
 * another origin during load, analysis and export, and none of the user's data kept in storage.
 */
import { describe, expect, inject, it } from 'vitest';
import { foreignRequests, fullReport, type Session, sessionPerTest } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = sessionPerTest(baseUrl);

async function analyseSampleAndExport(s: Session): Promise<void> {
  await s.page.getByTestId('sample-button').click();
  await fullReport(s.page, '400');
  const download = s.page.waitForEvent('download');
  await s.page.getByTestId('export-csv').click();
  await download;
}

describe('privacy', () => {
  it('runs a full analysis and export under the strict CSP without a single violation', async () => {
    const csp = await browser.current.page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("object-src 'none'");
    await analyseSampleAndExport(browser.current);
    expect(browser.current.consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    expect(await browser.current.page.getByTestId('engine').textContent()).toBe('wasm');
    expect(foreignRequests(browser.current.requests, new URL(baseUrl).origin)).toEqual([]);
  });

  it('keeps none of the data: no IndexedDB, no cached files, only the language and theme preferences', async () => {
    await analyseSampleAndExport(browser.current);
    const stored = await browser.current.page.evaluate(async () => ({
      localStorage: Object.keys(localStorage),
      sessionStorage: Object.keys(sessionStorage),
      indexedDb: (await indexedDB.databases()).map((d) => d.name),
      cachedUrls: (
        await Promise.all(
          (await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)),
        )
      ).flat(),
    }));
    expect(stored.localStorage.every((k) => k === 'smartdata.language' || k === 'smartdata.theme')).toBe(true);
    expect(stored.sessionStorage).toEqual([]);
    expect(stored.indexedDb).toEqual([]);
    // Only the app's own precached files may be cached, never the analysed data or a report.
    expect(stored.cachedUrls.filter((u) => !u.startsWith(new URL(baseUrl).origin))).toEqual([]);
    expect(stored.cachedUrls.filter((u) => /blob:|report|clusters\.csv/.test(u))).toEqual([]);
  });
});
