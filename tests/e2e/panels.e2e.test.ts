import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { fullReport, paintedPixels, sessionPerTest } from './browser.ts';

const baseUrl = inject('baseUrl');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TABS = ['overview', 'columns', 'alerts', 'correlations', 'clustering'] as const;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

const browser = sessionPerTest(baseUrl);

/** Opens the bundled Spanish sales sample and waits for its results (400 rows). */
async function openSample(page: Page): Promise<void> {
  await page.getByTestId('sample-button').click();
  await fullReport(page, '400');
}

function card(page: Page, columnName: string): Locator {
  return page
    .getByTestId('column-card')
    .filter({ has: page.getByRole('heading', { level: 3, name: columnName, exact: true }) });
}

async function selectedTab(page: Page): Promise<string | null> {
  return page.locator('[role=tab][aria-selected=true]').getAttribute('data-testid');
}

async function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

describe('the result panels', () => {
  it('switch tabs with the arrow keys, Home and End, showing only the selected panel', async () => {
    const { page } = browser.current;
    await openSample(page);
    await page.getByTestId('tab-overview').focus();
    await page.keyboard.press('ArrowRight');
    expect(await selectedTab(page)).toBe('tab-columns');
    expect(await focusedTestId(page)).toBe('tab-columns');
    expect(await page.locator('#tabpanel-columns').isVisible()).toBe(true);
    expect(await page.locator('#tabpanel-overview').isVisible()).toBe(false);
    await page.keyboard.press('End');
    expect(await selectedTab(page)).toBe('tab-clustering');
    await page.keyboard.press('ArrowRight'); // wraps around
    expect(await selectedTab(page)).toBe('tab-overview');
    await page.keyboard.press('ArrowLeft');
    expect(await selectedTab(page)).toBe('tab-clustering');
    await page.keyboard.press('Home');
    expect(await focusedTestId(page)).toBe('tab-overview');
    // One Tab stop for the list: Tab leaves it for the selected panel.
    expect(await page.locator('[role=tab][tabindex="0"]').count()).toBe(1);
  });

  it('re-runs the analysis when a column type changes, and the card shows the new type', async () => {
    const { page } = browser.current;
    await openSample(page);
    await page.getByTestId('tab-columns').click();
    const units = card(page, 'Unidades');
    const select = units.getByTestId('column-type');
    expect(await select.inputValue()).toBe('integer');
    expect(await units.getByText('Mean', { exact: true }).count()).toBe(1);
    await select.selectOption('categorical');
    await expect.poll(() => units.getByText('detected: Integer').count(), { timeout: 30_000 }).toBe(1);
    expect(await select.inputValue()).toBe('categorical');
    expect(await units.getByText('Mean', { exact: true }).count()).toBe(0);
    expect(await units.getByText('Most frequent values', { exact: true }).count()).toBe(1);
    // 127 distinct values as categories: the re-run report raises a high-cardinality alert for it.
    expect(await units.getByText('127 distinct categories.', { exact: true }).count()).toBeGreaterThan(0);
    // Overrides accumulate per file: a second change keeps the first.
    await card(page, 'Satisfacción').getByTestId('column-type').selectOption('text');
    await expect
      .poll(() => card(page, 'Satisfacción').getByText('detected: Decimal number').count(), { timeout: 30_000 })
      .toBe(1);
    expect(await select.inputValue()).toBe('categorical');
  });

  it('filters and sorts the column cards', async () => {
    const { page } = browser.current;
    await openSample(page);
    await page.getByTestId('tab-columns').click();
    const names = () => page.locator('[data-testid=column-card] h3').allTextContents();
    expect(await names()).toEqual([
      'Región',
      'Fecha',
      'Canal',
      'Producto',
      'Unidades',
      'Precio unitario',
      'Importe',
      'Satisfacción',
      'Cliente',
    ]); // file order by default
    await page.getByTestId('column-search').fill('precio');
    expect(await names()).toEqual(['Precio unitario']);
    expect(await page.getByTestId('columns-shown').textContent()).toBe('Showing 1 of 9 columns');
    await page.getByTestId('column-search').fill('');
    await page.getByTestId('column-type-filter').selectOption('categorical');
    expect(await names()).toEqual(['Región', 'Canal', 'Producto']);
    await page.getByTestId('column-sort').selectOption('name');
    expect(await names()).toEqual(['Canal', 'Producto', 'Región']);
    await page.getByTestId('column-type-filter').selectOption('all');
    await page.getByTestId('column-alerts-only').check();
    expect(await names()).toEqual(['Importe', 'Satisfacción']);
    await page.getByTestId('column-alerts-only').uncheck();
    await page.getByTestId('column-sort').selectOption('missing');
    expect((await names())[0]).toBe('Satisfacción');
    await page.getByTestId('column-search').fill('no such column');
    expect(await names()).toEqual([]);
    expect(await page.getByTestId('columns-shown').textContent()).toBe('No column matches these filters.');
    // Another file starts afresh: its first tab, and no filter left from this one.
    await page.getByTestId('file-input').setInputFiles('tests/reference/iris.csv');
    await fullReport(page, '150');
    expect(await selectedTab(page)).toBe('tab-overview');
    await page.getByTestId('tab-columns').click();
    expect(await page.getByTestId('column-search').inputValue()).toBe('');
    expect(await page.getByTestId('column-card').count()).toBeGreaterThan(0);
  });

  it('lists the alerts of the sample, and a click on a column focuses its card', async () => {
    const { page } = browser.current;
    await openSample(page);
    await page.getByTestId('tab-alerts').click();
    const missing = page.locator('[data-testid=alert][data-code=MISSING_VALUES]');
    expect(await missing.count()).toBe(1);
    expect(await missing.textContent()).toContain('10 missing values (2.5%).');
    expect(await missing.getByText('Warning', { exact: true }).count()).toBe(1);
    expect(await missing.textContent()).toContain('missing share > 1.0%');
    await missing.getByTestId('alert-column').click();
    expect(await selectedTab(page)).toBe('tab-columns');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.querySelector('h3')?.textContent ?? null))
      .toBe('Satisfacción');
    expect(await card(page, 'Satisfacción').isVisible()).toBe(true);

    await page.getByTestId('language-select').selectOption('es');
    await page.getByTestId('tab-alerts').click();
    expect(await missing.textContent()).toContain('10 valores vacíos (2,5%).');
    expect(await missing.textContent()).toContain('vacíos = 10, proporción = 0,025');
    expect(await missing.getByText('Aviso', { exact: true }).count()).toBe(1);
  });

  it('draws the correlation heatmap and switches its method', async () => {
    const { page } = browser.current;
    await openSample(page);
    await page.getByTestId('tab-correlations').click();
    const heatmap = page.getByTestId('heatmap');
    expect(await heatmap.locator('caption').textContent()).toBe('Pearson between columns');
    // Unidades × Importe: Pearson 0.7945, Spearman 0.8856 (see the CLI's report of the sample).
    expect(await heatmap.locator('[data-cell="0-2"]').textContent()).toBe('0.79');
    await page.getByLabel('Spearman', { exact: true }).check();
    expect(await heatmap.locator('caption').textContent()).toBe('Spearman between columns');
    expect(await heatmap.locator('[data-cell="0-2"]').textContent()).toBe('0.89');
    // Values are readable from the keyboard: focus a cell, move with the arrows.
    await heatmap.locator('[data-cell="0-0"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('heatmap-readout').textContent()).toBe('Unidades × Importe: 0.89');
    await page.getByLabel('Cramér’s V', { exact: true }).check();
    expect(await heatmap.locator('th[scope=col]').allTextContents()).toEqual(['Región', 'Canal', 'Producto']);
    expect(await page.getByTestId('strongest-pairs').locator('li').count()).toBeGreaterThan(0);
    // η, categories down and numbers across. Reference values from a plain-Python computation of
    // sqrt(SS_between / SS_total) on the sample: Canal × Unidades 0.9249, Producto × Precio 0.9726.
    await page.getByLabel('correlation ratio η', { exact: true }).check();
    expect(await heatmap.locator('th[scope=row]').allTextContents()).toEqual(['Región', 'Canal', 'Producto']);
    expect(await heatmap.locator('th[scope=col]').allTextContents()).toEqual([
      'Unidades',
      'Precio unitario',
      'Importe',
      'Satisfacción',
    ]);
    expect(await heatmap.locator('[data-cell="1-0"]').textContent()).toBe('0.92');
    expect(await heatmap.locator('[data-cell="2-1"]').textContent()).toBe('0.97');
  });

  it('plots the strongest pair from a sample the worker draws, and another pair on request', async () => {
    const { page } = browser.current;
    await openSample(page);
    await page.getByTestId('tab-correlations').click();
    const caption = page.getByTestId('scatter-caption');
    await expect.poll(() => caption.textContent()).toBe('All 400 rows where both columns have a number.');
    expect(await page.getByTestId('scatter-x').inputValue()).toBe('Unidades');
    expect(await page.getByTestId('scatter-y').inputValue()).toBe('Importe');
    expect(await paintedPixels(page.getByTestId('pair-scatter').locator('canvas'))).toBeGreaterThan(1000);
    await page.getByTestId('scatter-y').selectOption('Satisfacción'); // 10 missing satisfaction scores
    await expect.poll(() => caption.textContent()).toBe('All 390 rows where both columns have a number.');
  });

  it('loads the charting code only when the Columns tab opens', async () => {
    const { page } = browser.current;
    await openSample(page);
    const scripts = () =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((name) => name.endsWith('.js')),
      );
    const before = await scripts();
    expect(await page.locator('.recharts-surface').count()).toBe(0);
    await page.getByTestId('tab-columns').click();
    await page.locator('.recharts-surface').first().waitFor();
    const loaded = (await scripts()).filter((name) => !before.includes(name));
    expect(loaded.length).toBeGreaterThan(0);
  });

  it('has no serious or critical axe violations on any tab', async () => {
    const { page } = browser.current;
    await openSample(page);
    // The app's CSP allows only same-origin scripts (no inline ones): serve axe from the app's origin.
    const axeUrl = new URL('__e2e__/axe.min.js', baseUrl).href;
    await browser.current.context.route(axeUrl, (route) =>
      route.fulfill({ path: AXE_PATH, contentType: 'text/javascript' }),
    );
    await page.addScriptTag({ url: axeUrl });
    for (const tab of TABS) {
      await page.getByTestId(`tab-${tab}`).click();
      if (tab === 'columns') await page.locator('.recharts-surface').first().waitFor();
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
        const result = await axe.run();
        return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.length }));
      });
      const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect({ tab, severe }).toEqual({ tab, severe: [] });
    }
    // Repeated controls say what they act on: one name per column's type, per chart's PNG.
    await page.getByTestId('tab-columns').click();
    const names = async (testId: string): Promise<string[]> =>
      page
        .getByTestId(testId)
        .evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label') ?? e.textContent));
    const types = await names('column-type');
    expect(types).toContain('Type of Importe');
    expect(new Set(types).size).toBe(types.length);
    const pngs = await names('png-button');
    expect(pngs.length).toBeGreaterThan(1);
    expect(pngs).toContain('Save as PNG: chart of Importe'); // a chart's name, not a file name
    expect(new Set(pngs).size).toBe(pngs.length);
  });
});
