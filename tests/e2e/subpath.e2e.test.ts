/* The build runs from a sub-path of a plain static server (no Vite, no rewrites). */
import { afterEach, describe, expect, it } from 'vitest';
import { DIST, foreignRequests, fullReport, openSession, type Session } from './browser.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

let session: Session | undefined;
let server: StaticServer | undefined;

afterEach(async () => {
  await session?.close();
  await server?.close();
});

describe('static hosting under a sub-path', () => {
  it('loads, analyses the sample on wasm and registers its service worker at /apps/smartdata/', async () => {
    server = await serveStatic(DIST, '/apps/smartdata/');
    session = await openSession();
    const { page } = session;
    await page.goto(server.url);
    await page.getByTestId('sample-button').click();
    await fullReport(page, '400');
    expect(await page.getByTestId('engine').textContent()).toBe('wasm');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe('/apps/smartdata/');
    expect(server.notFound.filter((p) => !p.endsWith('favicon.ico'))).toEqual([]);
    expect(foreignRequests(session.requests, new URL(server.url).origin)).toEqual([]);
  });
});
