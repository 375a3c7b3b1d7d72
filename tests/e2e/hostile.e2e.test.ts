/*
 * The hostile corpus (tests/unit/hostile-corpus.ts, the same list the CLI runs) dropped into ONE
 * page, one file after another: each refused file must show its specific error code and message,
 * and the next (good) file must analyse normally; each analysed file must show the expected row and
 * column counts. Nothing may crash the page or throw uncaught. Prints one summary line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { messageFor } from '../../src/ui/error-messages.ts';
import { CORPUS, summaryLine, type CorpusEntry } from '../unit/hostile-corpus.ts';
import { openSession, type Session } from './browser.ts';

const baseUrl = inject('baseUrl');
const GOOD_CSV = 'id,name,score\n1,Ana,3.5\n2,Luis,4\n3,Marta,\n4,Ana,2.25\n';
const tally = { tried: 0, refused: 0, analysed: 0, lost: 0, skipped: 0 };
const pageErrors: string[] = [];
let session: Session;
let crashed = false;

beforeAll(async () => {
  session = await openSession();
  session.page.on('pageerror', (error) => pageErrors.push(error.message));
  session.page.on('crash', () => (crashed = true));
  await session.page.goto(baseUrl);
});

afterAll(async () => {
  console.log(summaryLine('browser, one page', tally));
  await session.close();
});

/** Drops a file through a real DataTransfer; bytes go over as base64 (fast for a few MB). */
async function drop(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const base64 = Buffer.from(bytes).toString('base64');
  const dataTransfer = await page.evaluateHandle(
    ({ name, base64 }) => {
      const binary = atob(base64);
      const data = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name));
      return transfer;
    },
    { name, base64 },
  );
  await page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer });
}

/** Large inputs go through the file picker from disk instead of through the DevTools protocol. */
/* The file must stay on disk until the page has read it: a File from the picker reads from disk. */
async function pick(page: Page, name: string, bytes: Uint8Array): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'smartdata-hostile-'));
  writeFileSync(join(dir, name), bytes);
  await page.getByTestId('file-input').setInputFiles(join(dir, name));
  return () => rmSync(dir, { recursive: true, force: true });
}

/** Waits until the page has settled on `name`: its result shown, or an error. */
async function settled(page: Page, name: string): Promise<'error' | 'result'> {
  const outcome = page.getByTestId('error').or(page.getByTestId('file-name').getByText(name, { exact: true }));
  await outcome.first().waitFor({ timeout: 60_000 });
  await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 60_000 });
  return (await page.getByTestId('error').count()) > 0 ? 'error' : 'result';
}

async function counts(page: Page): Promise<{ rows: string | null; columns: string | null }> {
  return {
    rows: await page.getByTestId('row-count').textContent(),
    columns: await page.getByTestId('column-count').textContent(),
  };
}

async function tryEntry(page: Page, entry: CorpusEntry): Promise<void> {
  const bytes = entry.bytes();
  let cleanUp = (): void => undefined;
  if (entry.isLarge === true) cleanUp = await pick(page, entry.name, bytes);
  else await drop(page, entry.name, bytes);
  tally.tried++;
  const state = await settled(page, entry.name);
  cleanUp();
  const expected = entry.expected;
  if (expected.kind === 'refused') {
    const code = state === 'error' ? await page.getByTestId('error').getAttribute('data-code') : null;
    if (code === expected.code) tally.refused++;
    expect(state).toBe('error');
    // The shown text rides along so that a wrong code says what happened instead.
    expect(code, (await page.getByTestId('error').textContent()) ?? '').toBe(expected.code);
    expect(await page.getByTestId('error').textContent()).toContain(messageFor('en', expected.code).message);
    // The next file analyses normally in the same page.
    const good = `good-after-${entry.name}.csv`;
    await drop(page, good, Buffer.from(GOOD_CSV));
    expect(await settled(page, good)).toBe('result');
    expect(await counts(page)).toEqual({ rows: '4', columns: '3' });
    return;
  }
  const shown = await counts(page);
  const isRight =
    state === 'result' && shown.rows === String(expected.rows) && shown.columns === String(expected.columns);
  if (state === 'result') tally.analysed++;
  if (!isRight) tally.lost++;
  expect(state).toBe('result');
  expect(shown).toEqual({ rows: String(expected.rows), columns: String(expected.columns) });
}

describe('the hostile corpus, dropped one after another into one page', () => {
  const entries = CORPUS.map((entry) => [`${entry.name}: ${entry.what}`, entry] as const);
  it.each(entries)('%s', async (_, entry) => {
    if (entry.cliFlags !== undefined) {
      tally.skipped++; // needs a CLI flag (e.g. --k 5) that a dropped file cannot carry
      return;
    }
    await tryEntry(session.page, entry);
    expect(crashed).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
