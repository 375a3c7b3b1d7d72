/*
 * Screenshots of the main screens in English and Spanish, light and dark, for a person to look at:
 * written to test-results/screenshots/ (git-ignored). Each shot also checks what it shows: the
 * language of the tab names and the theme of the page background.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { fullReport, sessionPerTest, SHOTS } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = sessionPerTest(baseUrl);

const TAB_NAMES = {
  en: ['Overview', 'Columns', 'Correlations', 'Clustering'],
  es: ['Resumen', 'Columnas', 'Correlaciones', 'Agrupamiento'],
} as const;
const TABS = ['overview', 'columns', 'correlations', 'clustering'] as const;

describe('screenshots of the main screens', () => {
  for (const language of ['en', 'es'] as const) {
    it(`${language}: every main tab in light and dark`, async () => {
      const { page } = browser.current;
      mkdirSync(SHOTS, { recursive: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByTestId('language-select').selectOption(language);
      await page.getByTestId('sample-button').click();
      await fullReport(page, '400');
      for (const theme of ['light', 'dark'] as const) {
        await page.getByTestId('theme-select').selectOption(theme);
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(background).toBe(theme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(13, 17, 23)');
        for (const [i, tab] of TABS.entries()) {
          await page.getByTestId(`tab-${tab}`).click();
          expect(await page.getByTestId(`tab-${tab}`).textContent()).toContain(TAB_NAMES[language][i]);
          if (tab === 'columns') await page.locator('.recharts-surface').first().waitFor();
          if (tab === 'correlations') await page.getByTestId('scatter-caption').filter({ hasText: '400' }).waitFor();
          await page.screenshot({ path: `${SHOTS}/${language}-${theme}-${tab}.png`, fullPage: tab !== 'columns' });
        }
      }
      // Phone width: the same page, one column, nothing cut off sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByTestId('tab-overview').click();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/${language}-phone-overview.png`, fullPage: true });
    });
  }
});
