/* Ways in besides a file: pasting a table, the Excel sample; the theme switch; the data table; the clustering view. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { paintedPixels, sessionPerTest } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = sessionPerTest(baseUrl);

describe('starting points', () => {
  it('analyses a table pasted into the page', async () => {
    const { page } = browser.current;
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'name\tscore\nAna\t3,5\nLuis\t4\nMarta\t2,25\n');
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 30_000 }).toBe('3');
    expect(await page.getByTestId('file-name').textContent()).toBe('pasted.csv');
    expect(await page.getByTestId('timings').textContent()).toMatch(
      /Reading [\d.]+ s · Parsing [\d.]+ s · Profiling [\d.]+ s/,
    );
  });

  it('opens the bundled two-sheet Excel workbook', async () => {
    const { page } = browser.current;
    await page.getByTestId('sample-xlsx-button').click();
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 30_000 }).toBe('3');
    expect(await page.getByText('Ventas', { exact: true }).count()).toBeGreaterThan(0);
  });

  it('switches to the dark theme and remembers it', async () => {
    const { page } = browser.current;
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.getByTestId('theme-select').selectOption('dark');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await background()).not.toBe(light);
    await page.reload();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
  });
});

describe('reading the file again with other settings', () => {
  it('re-reads a CSV with another delimiter, and a workbook on another sheet', async () => {
    const { page } = browser.current;
    await page.getByTestId('sample-button').click();
    await expect.poll(() => page.getByTestId('column-count').textContent(), { timeout: 30_000 }).toBe('9');
    await page.getByTestId('facts-delimiter').selectOption(',');
    await page.getByTestId('facts-apply').click();
    await expect.poll(() => page.getByTestId('column-count').textContent(), { timeout: 30_000 }).not.toBe('9');
    await page.getByTestId('sample-xlsx-button').click();
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 30_000 }).toBe('3');
    await page.getByTestId('facts-sheet').selectOption('Notas');
    await page.getByTestId('facts-apply').click();
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 30_000 }).toBe('2');
    expect(await page.locator('[data-testid=columns-table] tbody th').allTextContents()).toEqual(['clave', 'valor']);
  });
});

describe('the data table', () => {
  it('shows only the visible rows of a large file, sorts in the worker, and scrolls to the end', async () => {
    const { page } = browser.current;
    const rows = Array.from(
      { length: 100_000 },
      (_, i) => `${i + 1},${(i * 7919) % 100003},${i % 10 === 0 ? '' : `t${i % 7}`}`,
    );
    await page.getByTestId('file-input').setInputFiles({
      name: 'big.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`id,value,tag\n${rows.join('\n')}\n`),
    });
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 60_000 }).toBe('100,000');
    await page.getByRole('tab', { name: 'Data' }).click();
    const table = page.getByTestId('data-table');
    await expect.poll(() => table.locator('.data-rownum').first().textContent()).toBe('1');
    expect(await table.locator('[role=row]').count()).toBeLessThan(80);
    expect(await table.locator('.cell--missing').count()).toBeGreaterThan(0);
    await page.getByTestId('sort-1').click();
    await page.getByTestId('sort-1').click(); // descending
    await expect
      .poll(() => table.locator('[role=row]').nth(1).locator('[role=cell]').nth(2).textContent())
      .toBe('100002');
    await table.locator('.data-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => table.locator('.data-rownum').last().textContent(), { timeout: 10_000 }).not.toBe('…');
  });

  it('shows the rows of the file on screen, not of an earlier file of the same name and size', async () => {
    const { page } = browser.current;
    const load = async (text: string): Promise<void> => {
      await page.getByTestId('file-input').setInputFiles({
        name: 'export.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(text),
      });
      await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 60_000 });
    };
    const firstCells = async (): Promise<string[]> =>
      (
        await page.getByTestId('data-table').locator('[role=row]').nth(1).locator('[role=cell]').allTextContents()
      ).slice(0, 3);
    await load('city,amount\nParis,10\nLyon,20\nNice,30\nLille,40\n');
    await page.getByRole('tab', { name: 'Data' }).click();
    await expect.poll(firstCells).toEqual(['1', 'Paris', '10']);
    await load('city,amount\nRoma,111\nMilano,222\nTorino,333\nNapoli,444\n');
    await page.getByRole('tab', { name: 'Data' }).click();
    await expect.poll(firstCells).toEqual(['1', 'Roma', '111']);
  });

  it('shows the labels of the clustering on screen after clustering again', async () => {
    const { page } = browser.current;
    await page.getByTestId('file-input').setInputFiles('tests/reference/blobs.csv');
    await expect.poll(() => page.getByTestId('cluster-k').textContent(), { timeout: 60_000 }).toBe('4');
    await page.getByRole('tab', { name: 'Data' }).click();
    const labels = (): Promise<string[]> =>
      page.getByTestId('data-table').locator('[role=row] > [role=cell]:last-child').allTextContents();
    await expect.poll(async () => new Set(await labels()).size).toBe(4); // the first rows fall in all four
    await page.getByRole('tab', { name: 'Clustering' }).click();
    await page.getByTestId('recluster-k').selectOption('2');
    await page.getByTestId('recluster-apply').click();
    await expect.poll(() => page.getByTestId('cluster-k').textContent(), { timeout: 60_000 }).toBe('2');
    await page.getByRole('tab', { name: 'Data' }).click();
    await expect.poll(async () => [...new Set(await labels())].sort()).toEqual(['0', '1']);
  });
});

describe('clustering view', () => {
  it('shows the profile while clustering runs; Cancel keeps it and clustering can start again', async () => {
    const { page } = browser.current;
    const dir = mkdtempSync(join(tmpdir(), 'smartdata-progressive-'));
    const path = join(dir, 'clusters.csv');
    // 40,000 rows in 4 loose groups: automatic k fits k = 2..10 ten times each on a 20,000-row sample.
    const lines = Array.from({ length: 40_000 }, (_, i) => {
      const g = i % 4;
      return [g * 3 + Math.sin(i), g * 2 + Math.cos(i * 7), (i % 97) / 10, g + ((i * 13) % 11) / 5].join(',');
    });
    writeFileSync(path, `a,b,c,d\n${lines.join('\n')}\n`);
    await page.getByTestId('file-input').setInputFiles(path);
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 60_000 }).toBe('40,000');
    expect(await page.getByTestId('progress').isVisible()).toBe(true); // clustering still runs
    await page.getByRole('tab', { name: 'Clustering' }).click();
    expect(await page.getByTestId('clustering-state').textContent()).toMatch(/^Clustering is running/);
    await page.getByTestId('cancel-button').click();
    await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 5_000 });
    expect(await page.getByTestId('row-count').textContent()).toBe('40,000'); // the profile stays
    expect(await page.getByTestId('clustering-state').textContent()).toMatch(/^Clustering was stopped/);
    // and so does its table in the worker: the rows of the profile on screen are still there
    await page.getByRole('tab', { name: 'Data' }).click();
    await expect
      .poll(() => page.getByTestId('data-table').locator('.data-rownum').first().textContent(), { timeout: 10_000 })
      .toBe('1');
    expect(await page.getByTestId('rows-error').count()).toBe(0);
    await page.getByRole('tab', { name: 'Clustering' }).click();
    await page.getByTestId('recluster-k').selectOption('4');
    await page.getByTestId('recluster-apply').click();
    await expect.poll(() => page.getByTestId('cluster-k').textContent(), { timeout: 60_000 }).toBe('4');
  });

  it('draws the k-selection chart and the PCA scatter, and clusters again with a chosen k', async () => {
    const { page } = browser.current;
    await page.getByTestId('file-input').setInputFiles('tests/reference/blobs.csv');
    await expect.poll(() => page.getByTestId('cluster-k').textContent(), { timeout: 60_000 }).toBe('4');
    await page.getByRole('tab', { name: 'Clustering' }).click();
    expect(await page.getByTestId('k-chart').locator('polyline').count()).toBe(2);
    const caption = await page.getByTestId('pca-scatter').locator('figcaption').textContent();
    expect(caption).toMatch(/600 sampled rows \(seed 0\)/);
    expect(await paintedPixels(page.getByTestId('pca-scatter').locator('canvas'))).toBeGreaterThan(1000);
    expect(await page.getByTestId('cluster-card').count()).toBe(4);
    expect(await page.getByTestId('cluster-distinctive').first().locator('li').first().textContent()).toMatch(
      /^x\d: [+-][\d.]+ σ (above|below) the mean$/,
    );
    await page.getByTestId('recluster-k').selectOption('3');
    await page.getByTestId('recluster-apply').click();
    await expect.poll(() => page.getByTestId('cluster-k').textContent(), { timeout: 60_000 }).toBe('3');
  });

  it('clusters on the features the user picks, one-hot categories included, and shows their lift', async () => {
    const { page } = browser.current;
    await page.getByRole('button', { name: /Spanish sales/ }).click();
    await expect.poll(() => page.getByTestId('cluster-k').count(), { timeout: 60_000 }).toBe(1);
    await page.getByRole('tab', { name: 'Clustering' }).click();
    const features = page.getByTestId('cluster-features');
    for (const name of ['Precio unitario', 'Importe', 'Satisfacción']) await features.getByLabel(name).uncheck();
    await features.getByLabel('Unidades').check();
    await page.getByTestId('cluster-one-hot').getByLabel('Canal').check();
    await page.getByTestId('recluster-k').selectOption('3');
    await page.getByTestId('recluster-apply').click();
    await expect
      .poll(() => page.getByTestId('cluster-feature-list').textContent(), { timeout: 60_000 })
      .toMatch(/^Features: Unidades, Canal=\S+/);
    expect(await page.getByTestId('cluster-k').textContent()).toBe('3');
    expect(await page.getByTestId('cluster-lift').first().textContent()).toMatch(
      /Canal=\S+: [\d.]+× its overall share/,
    );
    // Nothing chosen: the form says so instead of sending an impossible request.
    await features.getByLabel('Unidades').uncheck();
    await page.getByTestId('cluster-one-hot').getByLabel('Canal').uncheck();
    expect(await page.getByTestId('recluster-apply').isDisabled()).toBe(true);
    expect(await page.getByTestId('cluster-options').getByRole('status').textContent()).toBe(
      'Choose at least one feature to cluster on.',
    );
  });
});
