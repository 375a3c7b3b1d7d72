/*
 * A large CSV in the app is read on two threads: the analysis worker reads the first half while a
 * nested worker reads the second, and the halves are merged; the nested worker then takes part of
 * the profile and of the k-means fits. The result must be what one thread gives (counted here from
 * the generated file), the page must say it used two threads for each, and a
 * Cancel while parsing must leave the next analysis working (that the runner stops its thread on
 * cancel is tested in tests/unit/range-runner.test.ts).
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { armCancelAt, sessionPerTest } from './browser.ts';

const browser = sessionPerTest(inject('baseUrl'));
const ROWS = 500_000;

/* id, v (0..999, empty every 50th row), a quoted tag with a comma, and a column that turns to text in the last row. */
function bigCsv(): { path: string; missing: number } {
  const lines = ['id,v,tag,late'];
  let missing = 0;
  for (let i = 0; i < ROWS; i++) {
    const v = i % 50 === 0 ? '' : String(i % 1000);
    if (v === '') missing++;
    lines.push(`${i},${v},"t, ${i % 5}",${i === ROWS - 1 ? 'n/d' : i % 3}`);
  }
  const path = join(mkdtempSync(join(tmpdir(), 'smartdata-threads-')), 'big.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, missing };
}

const BIG = bigCsv();

function secondWorkers(page: Page): number {
  return page.workers().filter((w) => w.url().includes('second.worker')).length;
}

/**
 * Drops the big file and waits for this job's own report, clustering included: the previous
 * report stays on screen until the new one replaces it, so its counts prove nothing, and a Cancel
 * during clustering may end the whole worker (after its grace period) and the nested one with it.
 */
async function analyseBig(page: Page): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(BIG.path);
  await page.getByTestId('progress').waitFor({ state: 'attached', timeout: 10_000 });
  await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 120_000 });
  expect(await page.getByTestId('error').count()).toBe(0);
  expect(await page.getByTestId('row-count').textContent()).toBe('500,000');
}

describe('a large CSV on two threads', () => {
  it('reads it in two halves, merges them exactly, and says so', async () => {
    const { page } = browser.current;
    expect(statSync(BIG.path).size).toBeGreaterThan(8 * 1024 * 1024); // the split threshold
    await analyseBig(page);
    const timings = await page.getByTestId('timings').textContent();
    expect(timings).toMatch(/Parsing [\d.]+ s \(2 threads\)/);
    expect(timings).toMatch(/Profiling [\d.]+ s \(2 threads\)/); // the nested worker profiled `v`, and Spearman
    expect(timings).toMatch(/Clustering [\d.]+ s \(2 threads\)/); // and fitted some k with its own TF.js
    // Every "n/d"-free cell of `late` is a number, the last one is text: one pass would see the same.
    expect(await page.getByTestId('missing-cells').textContent()).toBe(BIG.missing.toLocaleString('en-US'));
    expect(await page.getByTestId('column-count').textContent()).toBe('4');
    expect(secondWorkers(page)).toBe(1);
    await analyseBig(page); // the nested worker is reused, not started again
    expect(secondWorkers(page)).toBe(1);
    // k was chosen on a sample of the 490,000 rows with a value: the page says so, with the sample's size and seed.
    await page.getByTestId('tab-clustering').click();
    expect(await page.getByTestId('cluster-selection').textContent()).toBe(
      'k was chosen on 20,000 sampled rows (seed 0), as were the scores of every k below, then refitted on all ' +
        `${(ROWS - BIG.missing).toLocaleString('en-US')} rows from the best centres found there.`,
    );
  }, 240_000);

  it('Cancel while parsing ends the job cleanly; the same file then reads on two threads again', async () => {
    const { page } = browser.current;
    await armCancelAt(page, 'Parsing');
    await page.getByTestId('file-input').setInputFiles(BIG.path);
    await page.waitForFunction(() => (window as { cancelledAt?: string }).cancelledAt === 'Parsing');
    await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.getByTestId('error').count()).toBe(0);
    // A nested worker cancelled mid-range is terminated and a fresh one started later: never two at once.
    expect(secondWorkers(page)).toBeLessThanOrEqual(1);
    await analyseBig(page);
    expect(await page.getByTestId('timings').textContent()).toContain('(2 threads)');
    expect(secondWorkers(page)).toBe(1);
  }, 240_000);
});
