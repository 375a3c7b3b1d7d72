/*
 * First load of the built app: the JavaScript fetched before the first contentful paint, gzipped
 * here with zlib (the static server sends it uncompressed), against the 150 KB goal; and whether
 * any heavy chunk — the analysis worker, what it imports on demand (TF.js, SheetJS), the .wasm
 * binaries — is requested before a file is chosen. To show the check can fail, a tiny CSV is then
 * chosen and the heavy chunks must appear.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openBenchSession } from './browser-session.ts';

export interface FirstLoad {
  readonly fcpMs: number;
  readonly firstPaintJs: { readonly file: string; readonly gzipBytes: number }[];
  readonly firstPaintGzipKb: number;
  /** Every JS file the page requested before a file was chosen (after load settled). */
  readonly initialJsGzipKb: number;
  readonly heavyBeforeChoice: string[];
  readonly heavyAfterChoice: string[];
  readonly userAgent: string;
}

/** Files that must wait for a file: the worker, its dynamic imports, TF.js/SheetJS code, .wasm. */
export function heavyFiles(dist: string): Set<string> {
  const assets = readdirSync(join(dist, 'assets'));
  const heavy = new Set(assets.filter((f) => f.endsWith('.wasm')).map((f) => `assets/${f}`));
  for (const file of assets.filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(join(dist, 'assets', file), 'utf8');
    if (file.startsWith('analysis.worker')) {
      heavy.add(`assets/${file}`);
      for (const m of code.matchAll(/import\(`\.\/([^`]+\.js)`\)|import\("\.\/([^"]+\.js)"\)/g)) {
        heavy.add(`assets/${m[1] ?? m[2] ?? ''}`);
      }
    }
    if (/tfjsflags|setWasmPaths|SheetJS/.test(code)) heavy.add(`assets/${file}`);
  }
  return heavy;
}

function gzipBytes(dist: string, path: string): number {
  return gzipSync(readFileSync(join(dist, path))).length;
}

/** Loads `url` in a fresh profile and measures what the first paint needed. */
export async function measureFirstLoad(url: string, dist: string): Promise<FirstLoad> {
  const heavy = heavyFiles(dist);
  const session = await openBenchSession();
  try {
    const { page, requests } = session;
    const relative = (u: string): string => decodeURIComponent(new URL(u).pathname).slice(new URL(url).pathname.length);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(3000); // lazy imports after render, service worker registration
    const timing = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      resources: performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime })),
      userAgent: navigator.userAgent,
    }));
    const firstPaintJs = timing.resources
      .filter((r) => r.name.endsWith('.js') && r.start < timing.fcp)
      .map((r) => ({ file: relative(r.name), gzipBytes: gzipBytes(dist, relative(r.name)) }));
    const initial = requests.map((r) => relative(r.url()));
    const initialJs = [...new Set(initial.filter((f) => f.endsWith('.js')))];
    const heavyBeforeChoice = initial.filter((f) => heavy.has(f));
    const before = requests.length;
    await page.getByTestId('file-input').setInputFiles({
      name: 'tiny.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('a,b\n1,2\n3,4.5\n5,7\n8,1\n'),
    });
    await page.getByTestId('results').waitFor({ timeout: 120_000 });
    const heavyAfterChoice = requests
      .slice(before)
      .map((r) => relative(r.url()))
      .filter((f) => heavy.has(f));
    const kb = (bytes: number): number => bytes / 1024;
    return {
      fcpMs: timing.fcp,
      firstPaintJs,
      firstPaintGzipKb: kb(firstPaintJs.reduce((s, f) => s + f.gzipBytes, 0)),
      initialJsGzipKb: kb(initialJs.reduce((s, f) => s + gzipBytes(dist, f), 0)),
      heavyBeforeChoice,
      heavyAfterChoice: [...new Set(heavyAfterChoice)],
      userAgent: timing.userAgent,
    };
  } finally {
    await session.close();
  }
}
