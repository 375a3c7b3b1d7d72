/*
 * Faults the browser or the user inflicts on a running analysis, against the built app: the worker
 * throws, the worker dies silently, the user cancels in each stage. After each, the page must say
 * what happened (or nothing, for a cancel), keep the previous results, and analyse the next file.
 * Prints one summary line.
 */
import { appendFileSync, cpSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { WATCHDOG_MS, WATCHDOG_MS_PER_MB } from '../../src/client/analysis-client.ts';
import { messageFor } from '../../src/ui/error-messages.ts';
import { armCancelAt, DIST, dropFile, sessionPerTest } from './browser.ts';
import { serveStatic, TYPES } from './static-server.ts';

const baseUrl = inject('baseUrl');
const GOOD_CSV = 'id,name,score\n1,Ana,3.5\n2,Luis,4\n3,Marta,\n4,Ana,2.25\n';
const BIG_ROWS = 100_000;
const browser = sessionPerTest();
const faults = { tried: 0, survived: 0 };

/** `rows` × 6 numeric columns in three groups (100,000 rows, ~3 MB, keep every stage busy long enough to catch). */
function numericFile(name: string, rows: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'smartdata-faults-'));
  const lines = ['a,b,c,d,e,f'];
  for (let i = 0; i < rows; i++) {
    const g = i % 3;
    lines.push(`${g * 10 + (i % 7) * 0.1},${(i * 31) % 97},${g},${(i % 11) * 1.5},${i % 5},${(i * 7) % 13}`);
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
const BIG = numericFile('big.csv', BIG_ROWS);
/** Long enough (seconds) for a service worker update to install while it runs. */
const MEDIUM = numericFile('medium.csv', 30_000);

afterAll(() => {
  console.log(
    `faults (browser): ${faults.tried} faults tried, ${faults.survived} survived, ${faults.tried - faults.survived} lost`,
  );
});

async function analyseGood(page: Page, name: string): Promise<void> {
  await dropFile(page, name, GOOD_CSV);
  await page.getByTestId('file-name').getByText(name, { exact: true }).waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('row-count').textContent()).toBe('4');
  expect(await page.getByTestId('error').count()).toBe(0);
}

async function analysisWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().some((w) => w.url().includes('analysis.worker'))).toBe(true);
  return page.workers().find((w) => w.url().includes('analysis.worker')) as Worker;
}

/** The fault happened and the page came back: the specific message, then a good file analyses. */
async function survived(page: Page, code: 'WORKER_CRASHED' | 'WORKER_TIMEOUT', next: string): Promise<void> {
  faults.tried++;
  await expect.poll(() => page.getByTestId('error').getAttribute('data-code'), { timeout: 60_000 }).toBe(code);
  expect(await page.getByTestId('error').textContent()).toContain(messageFor('en', code).message);
  expect(await page.getByTestId('progress').count()).toBe(0);
  await analyseGood(page, next);
  faults.survived++;
}

/**
 * The build on a host that allows cross-origin reads (GitHub Pages sends this header), which an
 * opaque-origin frame needs to load the app's module scripts at all, plus a host page framing it
 * with sandbox="allow-scripts" (no allow-same-origin: no storage, no service worker).
 */
async function sandboxHost(): Promise<{ url: string; close: () => Promise<void> }> {
  const host = '<!doctype html><title>host</title><iframe id="app" sandbox="allow-scripts" src="index.html"></iframe>';
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/host.html') return void response.writeHead(200, { 'content-type': TYPES['.html'] }).end(host);
    const file = normalize(join(DIST, path === '/' ? 'index.html' : path));
    readFile(file).then(
      (body) =>
        response
          .writeHead(200, {
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
            'access-control-allow-origin': '*',
          })
          .end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/host.html`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections(); // the browser keeps connections alive
        server.close(() => resolve());
      }),
  };
}

describe('faults during an analysis', () => {
  it('the worker throws mid-job: WORKER_CRASHED, a new worker, and the next file works', async () => {
    const { page } = browser.current;
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(baseUrl);
    await page.getByTestId('file-input').setInputFiles(BIG);
    await page.getByTestId('progress').waitFor();
    const first = await analysisWorker(page);
    await first.evaluate(() => {
      setTimeout(() => {
        throw new Error('injected fault');
      }, 0);
    });
    await survived(page, 'WORKER_CRASHED', 'after-crash.csv');
    const second = await analysisWorker(page);
    expect(second).not.toBe(first);
    expect(page.workers().filter((w) => w.url().includes('analysis.worker'))).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  });

  it('the worker dies silently mid-job: the watchdog answers WORKER_TIMEOUT, then the next file works', async () => {
    const { page } = browser.current;
    await page.clock.install(); // time still flows; fastForward skips the watchdog's minute
    await page.goto(baseUrl);
    await page.getByTestId('file-input').setInputFiles(BIG);
    await page.getByTestId('progress').waitFor();
    await (await analysisWorker(page)).evaluate(() => self.close());
    await page.waitForTimeout(1_000);
    expect(await page.getByTestId('progress').count()).toBe(1); // nothing tells the page: it would wait forever
    // The longest silence the client allows for this job (parsing a file gets more per MB).
    await page.clock.fastForward(WATCHDOG_MS + Math.floor(statSync(BIG).size / 1e6) * WATCHDOG_MS_PER_MB + 1_000);
    await survived(page, 'WORKER_TIMEOUT', 'after-silence.csv');
  });

  it('cancel in each stage keeps the results already shown, shows no error, and the next file works', async () => {
    const { page } = browser.current;
    await page.goto(baseUrl);
    await analyseGood(page, 'before.csv');
    for (const stage of ['Reading', 'Parsing', 'Profiling', 'Clustering']) {
      faults.tried++;
      await armCancelAt(page, stage);
      await page.getByTestId('file-input').setInputFiles(BIG);
      await page.waitForFunction(
        (stage) => (window as unknown as { cancelledAt?: string }).cancelledAt === stage,
        stage,
        { timeout: 60_000 },
      );
      await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 10_000 });
      expect(await page.getByTestId('error').count()).toBe(0);
      if (stage === 'Clustering') {
        // The new file's profile was already on screen while k-means ran: Cancel keeps it, unclustered.
        expect(await page.getByTestId('file-name').textContent()).toContain('big.csv');
        expect(await page.getByTestId('clustering-state').textContent()).toMatch(/^Clustering was stopped/);
      } else {
        expect(await page.getByTestId('file-name').textContent()).toContain('before.csv');
        expect(await page.getByTestId('row-count').textContent()).toBe('4');
      }
      faults.survived++;
    }
    await analyseGood(page, 'after-cancels.csv');
  });

  it('a sandboxed iframe without allow-same-origin: the app loads without storage or service worker, and says why it cannot analyse', async () => {
    const { page, context } = browser.current;
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const host = await sandboxHost();
    try {
      await page.goto(host.url);
      const frame = page.frameLocator('#app');
      expect(await frame.locator('body').evaluate(() => origin)).toBe('null');
      // Storage throws in an opaque origin; the language switch still works (and is not kept).
      await frame.getByTestId('language-select').selectOption('es');
      await frame.getByRole('button', { name: 'Elegir un archivo' }).waitFor();
      await frame.getByTestId('language-select').selectOption('en');
      faults.tried++;
      await frame.getByTestId('sample-button').click();
      await expect.poll(() => frame.getByTestId('error').getAttribute('data-code')).toBe('WORKER_BLOCKED');
      expect(await frame.getByTestId('error').textContent()).toContain(messageFor('en', 'WORKER_BLOCKED').message);
      expect(context.serviceWorkers()).toEqual([]);
      expect(pageErrors).toEqual([]);
      faults.survived++;
    } finally {
      await host.close();
    }
  });

  it('a new version deployed during an analysis: the update is offered only after the analysis ends', async () => {
    const { page } = browser.current;
    const root = mkdtempSync(join(tmpdir(), 'smartdata-deploy-'));
    cpSync(DIST, root, { recursive: true });
    const server = await serveStatic(root, '/');
    try {
      await page.goto(server.url);
      await page.getByTestId('offline-ready').waitFor({ timeout: 30_000 }); // version 1 installed
      await page.getByTestId('file-input').setInputFiles(MEDIUM);
      await page.getByTestId('progress').waitFor();
      faults.tried++;
      appendFileSync(join(root, 'sw.js'), '\n// version 2\n'); // a deploy: new service worker bytes
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      await expect
        .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null), {
          timeout: 30_000,
        })
        .toBe(true);
      // Version 2 is waiting while the analysis still runs: no prompt, no reload.
      expect(await page.getByTestId('progress').count()).toBe(1);
      expect(await page.getByTestId('update-available').count()).toBe(0);
      await page.getByTestId('file-name').getByText('medium.csv', { exact: true }).waitFor({ timeout: 90_000 });
      expect(await page.getByTestId('row-count').textContent()).toBe('30,000');
      await page.getByTestId('update-available').waitFor();
      await Promise.all([page.waitForEvent('load'), page.getByTestId('update-available').getByRole('button').click()]);
      await analyseGood(page, 'after-update.csv');
      expect(await page.getByTestId('update-available').count()).toBe(0);
      faults.survived++;
    } finally {
      await server.close();
    }
  });
});
