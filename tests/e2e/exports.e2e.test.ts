/*
 * Chart pictures and the printed report. A PNG is checked by drawing it back in the page: its size
 * is the chart's at 2×, and it holds the chart's own colours, not a blank or a black rectangle.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { fullReport, sessionPerTest, SHOTS } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = sessionPerTest(baseUrl);

async function openSample(page: Page): Promise<void> {
  await page.getByTestId('sample-button').click();
  await fullReport(page, '400');
}

interface Picture {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** How many pixels are close to each of the given colours. */
  readonly near: number[];
  readonly colours: number;
}

/** Clicks the PNG button inside `scope`, then decodes the downloaded file in the page. */
async function savePicture(page: Page, scope: Locator, colours: [number, number, number][]): Promise<Picture> {
  const download = page.waitForEvent('download');
  await scope.getByTestId('png-button').click();
  const file = await download;
  const bytes = readFileSync(await file.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const decoded = await page.evaluate(
    async ({ base64, colours }) => {
      const blob = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' });
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      if (context === null) throw new Error('no context');
      context.drawImage(bitmap, 0, 0);
      const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      const seen = new Set<number>();
      const near = colours.map(() => 0);
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
        seen.add((r << 16) | (g << 8) | b);
        colours.forEach(([cr, cg, cb], j) => {
          if (Math.abs(r - cr) + Math.abs(g - cg) + Math.abs(b - cb) < 30) near[j] = (near[j] ?? 0) + 1;
        });
      }
      return { width: bitmap.width, height: bitmap.height, near, colours: seen.size };
    },
    { base64: bytes.toString('base64'), colours },
  );
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(`${SHOTS}/${file.suggestedFilename()}`, bytes);
  return { name: file.suggestedFilename(), ...decoded };
}

describe('chart pictures', () => {
  it('saves the heatmap, the pair scatter, the k chart, the PCA scatter and a histogram as PNGs', async () => {
    const { page } = browser.current;
    await openSample(page);
    await page.getByTestId('tab-correlations').click();
    const heatmap = await savePicture(page, page.locator('.heatmap'), [[84, 39, 136]]); // PuOr's +1 purple
    expect(heatmap.name).toBe('heatmap-Pearson-between-columns.png');
    expect(heatmap.near[0]).toBeGreaterThan(100);
    const scatter = page.getByTestId('pair-scatter');
    await expect.poll(() => scatter.getByTestId('scatter-caption').textContent()).toMatch(/^All 400/);
    const pair = await savePicture(page, scatter, [[0, 114, 178]]);
    expect(pair).toMatchObject({ name: 'scatter-Unidades-Importe.png', width: 720, height: 720 });
    expect(pair.near[0]).toBeGreaterThan(500);

    await page.getByTestId('tab-clustering').click();
    const kChart = await savePicture(page, page.getByTestId('k-chart'), [
      [0, 114, 178],
      [230, 159, 0],
    ]);
    expect(kChart).toMatchObject({ name: 'k-selection.png', width: 720, height: 360 });
    expect(kChart.near.every((n) => n > 50)).toBe(true); // both lines: silhouette and inertia
    const pca = await savePicture(page, page.getByTestId('pca-scatter'), [[0, 114, 178]]);
    expect(pca.name).toBe('pca-clusters.png');
    expect(pca.near[0]).toBeGreaterThan(100);

    await page.getByTestId('tab-columns').click();
    const units = page.getByTestId('column-card').filter({ hasText: 'Unidades' }).first();
    await units.locator('.recharts-surface').waitFor();
    const histogram = await savePicture(page, units, [[0, 114, 178]]);
    expect(histogram.name).toBe('chart-Unidades.png');
    expect(histogram.near[0]).toBeGreaterThan(500);
  });
});

describe('the printed report', () => {
  it('prints every panel one after the other, without the controls, as a multi-page PDF', async () => {
    const { page } = browser.current;
    await openSample(page);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    for (const id of ['results', 'correlations-panel', 'clustering', 'strongest-pairs', 'cluster-sizes']) {
      expect({ id, visible: await page.getByTestId(id).isVisible() }).toEqual({ id, visible: true });
    }
    expect(await page.getByTestId('column-card').first().isVisible()).toBe(true);
    for (const id of ['dropzone', 'export-json', 'language-select', 'cluster-options', 'file-facts-form']) {
      expect({ id, visible: await page.getByTestId(id).isVisible() }).toEqual({ id, visible: false });
    }
    expect(await page.getByRole('tablist').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(`${SHOTS}/report-en.pdf`, pdf);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(3);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByTestId('clustering').isVisible()).toBe(false); // back to one tab at a time
  });
});
