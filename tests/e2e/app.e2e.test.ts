import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { dropFile, foreignRequests, fullReport, sessionPerTest } from './browser.ts';

interface CliReport {
  engine: { backend: string };
  clustering: Record<'k' | 'sizes' | 'inertia' | 'centroids' | 'candidates' | 'silhouette', unknown>;
}

const baseUrl = inject('baseUrl');
const origin = new URL(baseUrl).origin;
const SMALL_CSV = 'id,name,score\n1,Ana,3.5\n2,Luis,4\n3,Marta,\n4,Ana,2.25\n';

const browser = sessionPerTest(baseUrl);

describe('the built app', () => {
  it('analyses a dropped CSV in the worker and shows its counts and columns', async () => {
    const { page } = browser.current;
    await dropFile(page, 'scores.csv', SMALL_CSV);
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('4');
    expect(await page.getByTestId('column-count').textContent()).toBe('3');
    const names = await page.locator('[data-testid=columns-table] tbody th').allTextContents();
    expect(names).toEqual(['id', 'name', 'score']);
    expect(foreignRequests(browser.current.requests, origin)).toEqual([]);
  });

  it('runs TF.js on the wasm backend, with the binary served by the app itself', async () => {
    const { page } = browser.current;
    await page.getByTestId('file-input').setInputFiles({
      name: 'scores.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(SMALL_CSV),
    });
    await expect.poll(() => page.getByTestId('engine').textContent()).toBe('wasm');
    const wasm = browser.current.requests.filter((r) => r.url().endsWith('.wasm'));
    expect(wasm.length).toBeGreaterThan(0);
    for (const request of wasm) {
      expect(new URL(request.url()).origin).toBe(origin);
      const response = await request.response();
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toBe('application/wasm');
    }
    expect(await page.getByTestId('cpu-notice').count()).toBe(0);
  });

  it('falls back to the CPU backend with a visible notice when WASM cannot load', async () => {
    const { page, context } = browser.current;
    await context.route('**/*.wasm', (route) => route.abort());
    await dropFile(page, 'scores.csv', SMALL_CSV);
    await expect.poll(() => page.getByTestId('engine').textContent(), { timeout: 30_000 }).toBe('cpu');
    expect(await page.getByTestId('cpu-notice').isVisible()).toBe(true);
    expect(await page.getByTestId('row-count').textContent()).toBe('4');
  });

  it('refuses a PDF named .csv with a specific message, then analyses the next file', async () => {
    const { page } = browser.current;
    await dropFile(page, 'report.csv', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'));
    await expect.poll(() => page.getByTestId('error').getAttribute('data-code')).toBe('UNSUPPORTED_FORMAT');
    expect(await page.getByTestId('error-detail').textContent()).toContain('PDF');
    expect(await page.getByTestId('error').locator('h2').textContent()).toBe('report.csv could not be analysed');
    await dropFile(page, 'scores.csv', SMALL_CSV);
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('4');
    expect(await page.getByTestId('error').count()).toBe(0);
  });

  it('opens the bundled Spanish sample: semicolons, decimal commas, Windows-1252', async () => {
    const { page } = browser.current;
    await page.getByTestId('sample-button').click();
    await fullReport(page, '400');
    const names = await page.locator('[data-testid=columns-table] tbody th').allTextContents();
    expect(names).toContain('Región');
    expect(names).toContain('Satisfacción');
    expect(await page.locator('dl.stats dd').getByText('windows-1252', { exact: true }).count()).toBe(1);
    expect(await page.getByTestId('type-mix').textContent()).toMatch(
      /^Type mix: (\d+ [A-Za-z/ ]+)( · \d+ [A-Za-z/ ]+)*$/,
    );
    // 400 rows: the worker's own count of the columns' arrays and words, after the analysis.
    await expect
      .poll(() => page.getByTestId('memory-used').textContent())
      .toMatch(/^Memory used in the worker: table \d+(\.\d)? kB · \d+ TF\.js tensors \(\d+(\.\d)? k?B\)/);
    expect(foreignRequests(browser.current.requests, origin)).toEqual([]);
  });

  it('shows progress for a large file, cancels it, and then analyses the next file', async () => {
    const { page } = browser.current;
    const dir = mkdtempSync(join(tmpdir(), 'smartdata-big-'));
    const path = join(dir, 'big.csv');
    const row = '12345,67.25,some text here,"quoted, with comma",2024-01-31\n';
    writeFileSync(path, `a,b,c,d,e\n${row.repeat(700_000)}`);
    await page.getByTestId('file-input').setInputFiles(path);
    await page.getByTestId('progress').waitFor();
    await page.getByTestId('cancel-button').click();
    await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 5_000 });
    expect(await page.getByTestId('error').count()).toBe(0);
    expect(await page.getByTestId('results').count()).toBe(0); // cancelled before it finished
    await dropFile(page, 'scores.csv', SMALL_CSV);
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('4');
  });

  it('detects a worker that fails to start, reports it, and respawns for the next file', async () => {
    const { page, context } = browser.current;
    await context.route('**/analysis.worker-*.js', (route) => route.abort());
    await dropFile(page, 'scores.csv', SMALL_CSV);
    await expect.poll(() => page.getByTestId('error').getAttribute('data-code')).toBe('WORKER_CRASHED');
    await context.unroute('**/analysis.worker-*.js');
    await dropFile(page, 'scores.csv', SMALL_CSV);
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('4');
  });

  it('reads a two-sheet workbook written by LibreOffice, through the zip guard', async () => {
    const { page } = browser.current;
    await page.getByTestId('file-input').setInputFiles('tests/fixtures/libreoffice-two-sheets.xlsx');
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('3');
    expect(await page.getByText('Ventas', { exact: true }).count()).toBe(1);
    const names = await page.locator('[data-testid=columns-table] tbody th').allTextContents();
    expect(names).toEqual(['Fecha', 'Región', 'Importe', 'IVA']);
  });

  it('clusters in the browser exactly as the CLI does, and exports both files', async () => {
    const { page } = browser.current;
    await page.getByTestId('file-input').setInputFiles('tests/reference/blobs.csv');
    await expect.poll(() => page.getByTestId('cluster-k').textContent(), { timeout: 60_000 }).toBe('4');
    const jsonDownload = page.waitForEvent('download');
    await page.getByTestId('export-json').click();
    const browserReport = JSON.parse(readFileSync(await (await jsonDownload).path(), 'utf8')) as CliReport;
    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const browserCsv = readFileSync(await (await csvDownload).path(), 'utf8');

    const dir = mkdtempSync(join(tmpdir(), 'smartdata-cli-'));
    let stdout = '';
    const code = await main(['analyze', 'tests/reference/blobs.csv', '--export-csv', join(dir, 'out.csv')], {
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      isStderrTty: false,
      version: 'cli',
    });
    expect(code).toBe(0);
    const cliReport = JSON.parse(stdout) as CliReport;
    const pick = (r: CliReport) => {
      const { k, sizes, inertia, centroids, candidates, silhouette } = r.clustering;
      return { k, sizes, inertia, centroids, candidates, silhouette };
    };
    expect(browserReport.engine.backend).toBe('wasm');
    expect(pick(browserReport)).toEqual(pick(cliReport));
    expect(browserCsv).toBe(readFileSync(join(dir, 'out.csv'), 'utf8'));
    expect(foreignRequests(browser.current.requests, origin)).toEqual([]);
  });

  it('switches the interface to Spanish', async () => {
    const { page } = browser.current;
    await page.getByTestId('language-select').selectOption('es');
    expect(await page.getByRole('button', { name: 'Elegir un archivo' }).count()).toBe(1);
    await page.getByTestId('sample-button').click();
    await expect.poll(() => page.getByText('Filas', { exact: true }).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    // The Data tab writes the sample's decimals with a comma, as the rest of the Spanish page does.
    await page.getByRole('tab', { name: 'Datos' }).click();
    await expect
      .poll(() => page.getByRole('cell').allTextContents(), { timeout: 30_000 })
      .toContainEqual(expect.stringMatching(/^\d+,\d+$/));
    expect(await page.getByRole('cell').allTextContents()).not.toContainEqual(expect.stringMatching(/^\d+\.\d+$/));
    // An error's specific message is in Spanish too.
    await dropFile(page, 'informe.csv', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'));
    await expect
      .poll(() => page.getByTestId('error-detail').textContent())
      .toBe('Este archivo es un documento PDF, no una tabla (CSV, TSV, XLSX o XLS).');
  });
});
