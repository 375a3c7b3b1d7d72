/*
 * The production build's service worker precaches everything the app needs offline. Workbox skips
 * .wasm and large files by default without failing, so this is checked on the real output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIST } from './browser.ts';

const precached = [...readFileSync(`${DIST}/sw.js`, 'utf8').matchAll(/url:"([^"]+)"/g)].map((m) => m[1] ?? '');
const assets = readdirSync(`${DIST}/assets`);

describe('the service worker precache', () => {
  it('holds every WASM binary and every worker chunk', () => {
    const wasm = assets.filter((f) => f.endsWith('.wasm'));
    expect(wasm.length).toBeGreaterThanOrEqual(2);
    for (const file of [...wasm, ...assets.filter((f) => f.endsWith('.js'))])
      expect(precached).toContain(`assets/${file}`);
    expect(precached.some((u) => /^assets\/analysis\.worker-.*\.js$/.test(u))).toBe(true);
  });

  it('holds the shell, the manifest, the icons and the sample data, once each', () => {
    for (const url of ['index.html', 'manifest.webmanifest', 'icons/icon-512.png', 'samples/ventas-es.csv']) {
      expect(precached).toContain(url);
    }
    expect(new Set(precached).size).toBe(precached.length);
  });
});

describe('the web manifest', () => {
  const manifest = JSON.parse(readFileSync(`${DIST}/manifest.webmanifest`, 'utf8')) as {
    icons: { sizes: string; purpose?: string }[];
    file_handlers: { accept: Record<string, string[]> }[];
    start_url: string;
  };

  it('is installable: 192 and 512 icons, a maskable one, a relative start URL', () => {
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    expect(manifest.start_url).toBe('.');
  });

  it('opens .csv, .tsv, .xlsx and .xls files from the operating system', () => {
    const extensions = manifest.file_handlers.flatMap((h) => Object.values(h.accept).flat());
    expect(extensions.sort()).toEqual(['.csv', '.tsv', '.xls', '.xlsx']);
  });
});
