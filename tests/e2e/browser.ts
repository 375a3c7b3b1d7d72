import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';
import { afterEach, beforeEach, expect } from 'vitest';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium.ts';

export { chromiumPath };

/** The build under test: dist/, or E2E_DIST for a build made with `vite build --outDir`. */
export const DIST = process.env.E2E_DIST ?? 'dist';

/** Screenshots and exported pictures for a person to look at (git-ignored). */
export const SHOTS = 'test-results/screenshots';

export interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every request any page, worker or service worker of the context made. */
  readonly requests: Request[];
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

/** A fresh headless Chromium with an empty profile, recording every request. */
export async function openSession(): Promise<Session> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'smartdata-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_FLAGS],
    locale: 'en-US',
  });
  const requests: Request[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (request) => requests.push(request));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return {
    context,
    page,
    requests,
    consoleErrors,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh session for every test of the calling file (on `url` when given), closed after it.
 * Read it as `browser.current` inside the tests.
 */
export function sessionPerTest(url?: string): { readonly current: Session } {
  let current: Session | undefined;
  beforeEach(async () => {
    current = await openSession();
    if (url !== undefined) await current.page.goto(url);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get current(): Session {
      if (current === undefined) throw new Error('no browser session outside a test');
      return current;
    },
  };
}

/** URLs of requests that went anywhere but `origin` (data: and blob: URLs stay in the browser). */
export function foreignRequests(requests: readonly Request[], origin: string): string[] {
  return requests
    .map((r) => r.url())
    .filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin);
}

/** Drops a file on the drop zone the way a user's drag and drop does (a real DataTransfer). */
export async function dropFile(page: Page, name: string, content: string | Buffer, type = 'text/csv'): Promise<void> {
  const bytes = Array.from(typeof content === 'string' ? Buffer.from(content) : content);
  const dataTransfer = await page.evaluateHandle(
    ({ name, bytes, type }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], name, { type }));
      return transfer;
    },
    { name, bytes, type },
  );
  await page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer });
}

/**
 * Waits for the whole report of a file with `rows` rows: the counts (which come with the profile,
 * before clustering) and then the end of the job (clustering included).
 */
export async function fullReport(page: Page, rows: string, timeout = 60_000): Promise<void> {
  await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout }).toBe(rows);
  await page.getByTestId('progress').waitFor({ state: 'detached', timeout });
}

/** How many pixels of a canvas are painted (not fully transparent): proof that a chart was drawn. */
export function paintedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element: HTMLCanvasElement) => {
    const data = element.getContext('2d')?.getImageData(0, 0, element.width, element.height).data ?? [];
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
    return painted;
  });
}

/** Clicks Cancel as soon as the progress panel shows `label` (a MutationObserver, so no stage is missed). */
export async function armCancelAt(page: Page, label: string): Promise<void> {
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
