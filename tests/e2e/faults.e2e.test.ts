/*
 * Faults the browser or the user inflicts on a running analysis, against the built app: the worker
 * throws, the worker dies silently, the user cancels in each stage. After each, the page must say
 * what happened (or nothing, for a cancel), keep the previous results, and analyse the next file.
 * Prints one summary line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { messageFor } from '../../src/ui/error-messages.ts';
import { dropFile, sessionPerTest } from './browser.ts';

const baseUrl = inject('baseUrl');
const GOOD_CSV = 'id,name,score\n1,Ana,3.5\n2,Luis,4\n3,Marta,\n4,Ana,2.25\n';
const BIG_ROWS = 100_000;
const browser = sessionPerTest();
const faults = { tried: 0, survived: 0 };

/** 100,000 rows × 6 numeric columns (~3 MB): long enough to catch every stage in the act. */
function bigFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'smartdata-faults-'));
  const lines = ['a,b,c,d,e,f'];
  for (let i = 0; i < BIG_ROWS; i++) {
    const g = i % 3;
    lines.push(`${g * 10 + (i % 7) * 0.1},${(i * 31) % 97},${g},${(i % 11) * 1.5},${i % 5},${(i * 7) % 13}`);
  }
  const path = join(dir, 'big.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
const BIG = bigFile();

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

/** Clicks Cancel as soon as the progress panel shows `label` (a MutationObserver, so no stage is missed). */
async function armCancelAt(page: Page, label: string): Promise<void> {
  await page.evaluate((label) => {
    const state = window as unknown as { cancelledAt?: string };
    delete state.cancelledAt;
    const check = (): void => {
      const panel = document.querySelector('[data-testid=progress]');
      if (panel?.querySelector('strong')?.textContent !== label) return;
      observer.disconnect();
      panel.querySelector<HTMLButtonElement>('[data-testid=cancel-button]')?.click();
      state.cancelledAt = label;
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, label);
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
    await page.clock.fastForward('01:01');
    await survived(page, 'WORKER_TIMEOUT', 'after-silence.csv');
  });

  it('cancel in each stage keeps the previous results, shows no error, and the next file works', async () => {
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
      expect(await page.getByTestId('file-name').textContent()).toContain('before.csv');
      expect(await page.getByTestId('row-count').textContent()).toBe('4');
      faults.survived++;
    }
    await analyseGood(page, 'after-cancels.csv');
  });
});
