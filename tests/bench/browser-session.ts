/*
 * A headless Chromium for the browser bench, launched like the e2e tests (tests/e2e/chromium.ts),
 * with an init script
 * that records main-thread long tasks, the moment a file is chosen, and the moment the full
 * report (profile and clustering) is on screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';
import { CHROMIUM_FLAGS as FLAGS, chromiumPath } from '../e2e/chromium.ts';

/** Debian's Chromium, or CHROMIUM_PATH (as in the e2e tests). */
export const CHROMIUM = chromiumPath();

/** What the init script keeps on `window.__bench`. */
export interface PageMarks {
  readonly longTasks: { readonly start: number; readonly duration: number }[];
  /** performance.now() of the file input's change event. */
  chosenAt?: number;
  /** performance.now() of the first frame after the report showed its clustering timing. */
  shownAt?: number;
}

/*
 * Runs in the page before its own scripts. The report counts as shown when the results section
 * is there and its stage timings include clustering (the report arrives in one piece, after the
 * worker has profiled and clustered); the time taken is the next animation frame after that.
 */
function initScript(): void {
  const marks: PageMarks = { longTasks: [] };
  (window as unknown as { __bench: PageMarks }).__bench = marks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('change', () => (marks.chosenAt ??= performance.now()), true);
  const observer = new MutationObserver(() => {
    const timings = document.querySelector('[data-testid=results] [data-testid=timings]');
    if (marks.chosenAt === undefined || marks.shownAt !== undefined || !timings?.textContent.includes('Clustering'))
      return;
    marks.shownAt = -1;
    requestAnimationFrame(() => (marks.shownAt = performance.now()));
  });
  document.addEventListener('DOMContentLoaded', () =>
    observer.observe(document.body, { childList: true, subtree: true, characterData: true }),
  );
}

export interface BenchSession {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly userDataDir: string;
  /** Requests made by the page and its workers (not the service worker's precache). */
  readonly requests: Request[];
  close(): Promise<void>;
}

/** A fresh profile, English UI, with the init script installed. */
export async function openBenchSession(): Promise<BenchSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'smartdata-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS],
    locale: 'en-US',
  });
  await context.addInitScript(initScript);
  const requests: Request[] = [];
  context.on('request', (request) => {
    if (request.serviceWorker() === null) requests.push(request);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    context,
    userDataDir,
    requests,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The marks recorded so far in `page`. */
export function readMarks(page: Page): Promise<PageMarks> {
  return page.evaluate(() => (window as unknown as { __bench: PageMarks }).__bench);
}
