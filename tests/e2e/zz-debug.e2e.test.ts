import { afterEach, beforeEach, expect, inject, it } from 'vitest';
import { openSession, type Session } from './browser.ts';
const baseUrl = inject('baseUrl');
let session: Session;
beforeEach(async () => { session = await openSession(); await session.page.goto(baseUrl); });
afterEach(async () => { await session.close(); });
it('debug', async () => {
  const { page } = session;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('sample-button').click();
  await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 30_000 }).toBe('400');
  await page.screenshot({ path: '/tmp/shot-overview.png', fullPage: true });
  await page.getByTestId('tab-columns').click();
  await page.locator('.recharts-surface').first().waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/shot-columns.png', fullPage: true });
  const sel = page.locator('[data-testid=column-type]').nth(4);
  await sel.selectOption('categorical');
  for (let i = 0; i < 6; i++) {
    await page.waitForTimeout(1000);
    console.log(await page.getByTestId('progress').count(), await page.locator('[data-testid=column-type]:disabled').count(), await page.getByTestId('error').count());
  }
  await page.screenshot({ path: '/tmp/shot-after.png', fullPage: true });
  await page.getByTestId('tab-alerts').click();
  await page.screenshot({ path: '/tmp/shot-alerts.png', fullPage: true });
  await page.getByTestId('tab-correlations').click();
  await page.screenshot({ path: '/tmp/shot-corr.png', fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.getByTestId('tab-columns').click();
  await page.screenshot({ path: '/tmp/shot-phone.png', fullPage: false });
});
