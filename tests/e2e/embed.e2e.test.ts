/*
 * Embedding across origins: a host page on one port frames the app served from another. Only the
 * origin listed in embed.config.json is answered; replies name it; the user's own file goes to the
 * host only after consent in the frame; a flood of requests is answered BUSY.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIST, foreignRequests, openSession, type Session } from './browser.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

interface Received {
  origin: string;
  data: { type: string; id?: string; report?: { rows: number }; code?: string; height?: number };
}

const hostHtml = (appUrl: string): string => `<!doctype html><html><head><title>Host</title></head><body>
<iframe id="app" src="${appUrl}?embed=1" style="width:100%;height:600px"></iframe>
<script>
  window.received = [];
  window.addEventListener('message', (event) => window.received.push({ origin: event.origin, data: event.data }));
  window.sendAnalyze = (id, text, count = 1) => {
    const frame = document.getElementById('app').contentWindow;
    for (let i = 0; i < count; i++) {
      const data = new TextEncoder().encode(text).buffer;
      frame.postMessage({ type: 'smartdata:analyze', v: 1, id: count > 1 ? id + '-' + i : id, name: 'host.csv', data, options: { k: 'auto', language: 'es' } }, new URL('${appUrl}').origin, [data]);
    }
  };
</script></body></html>`;

const CSV = `a,b,g\n${Array.from({ length: 40 }, (_, i) => `${i % 2 === 0 ? 1 : 30 + (i % 3)},${i % 7},g${i % 2}`).join('\n')}\n`;

let session: Session;
const servers: StaticServer[] = [];
async function setUp(allowHost: boolean): Promise<{ host: StaticServer; app: StaticServer }> {
  // Two servers, two origins: the host page on one, the built app (with its allowlist) on the other.
  const hostFiles: Record<string, string> = {};
  const appFiles: Record<string, string> = {};
  const host = await serveStatic('tests/e2e/no-such-dir', '/', hostFiles);
  const app = await serveStatic(DIST, '/', appFiles);
  servers.push(host, app);
  hostFiles['index.html'] = hostHtml(app.url);
  const allowed = allowHost ? [new URL(host.url).origin] : ['https://someone-else.example.org'];
  appFiles['embed.config.json'] = JSON.stringify({ allowedOrigins: allowed });
  return { host, app };
}

async function received(s: Session): Promise<Received[]> {
  return s.page.evaluate(() => (window as unknown as { received: Received[] }).received);
}

beforeEach(async () => {
  session = await openSession();
});

afterEach(async () => {
  await session.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('embedding', () => {
  it('answers the allowed host: ready, progress, result, all from the app origin', async () => {
    const { host, app } = await setUp(true);
    await session.page.goto(host.url);
    const appOrigin = new URL(app.url).origin;
    await expect.poll(async () => (await received(session)).some((m) => m.data.type === 'smartdata:ready')).toBe(true);
    await session.page.evaluate(
      (csv) => (window as unknown as { sendAnalyze: (id: string, t: string) => void }).sendAnalyze('h1', csv),
      CSV,
    );
    await expect
      .poll(async () => (await received(session)).some((m) => m.data.type === 'smartdata:result'), { timeout: 30_000 })
      .toBe(true);
    const messages = await received(session);
    expect(messages.every((m) => m.origin === appOrigin)).toBe(true);
    expect(messages.find((m) => m.data.type === 'smartdata:result')?.data).toMatchObject({
      id: 'h1',
      report: { rows: 40 },
    });
    expect(messages.some((m) => m.data.type === 'smartdata:progress' && m.data.id === 'h1')).toBe(true);
    expect(messages.some((m) => m.data.type === 'smartdata:resize' && (m.data.height ?? 0) > 0)).toBe(true);
    const frame = session.page.frameLocator('#app');
    expect(await frame.locator('html').getAttribute('lang')).toBe('es'); // options.language
    const origins = new Set([new URL(host.url).origin, appOrigin]);
    expect(session.requests.map((r) => new URL(r.url()).origin).filter((o) => !origins.has(o) && o !== 'null')).toEqual(
      [],
    );
    expect(foreignRequests(session.requests, appOrigin).every((u) => u.startsWith(host.url))).toBe(true);
  });

  it('applies configure: language, theme and the panels shown', async () => {
    const { host, app } = await setUp(true);
    await session.page.goto(host.url);
    await expect.poll(async () => (await received(session)).length).toBeGreaterThan(0);
    await session.page.evaluate((appOrigin) => {
      const frame = (document.getElementById('app') as HTMLIFrameElement).contentWindow;
      frame?.postMessage(
        { type: 'smartdata:configure', v: 1, language: 'es', theme: 'dark', panels: ['columns', 'alerts'] },
        appOrigin,
      );
    }, new URL(app.url).origin);
    await session.page.evaluate(
      (csv) => (window as unknown as { sendAnalyze: (id: string, t: string) => void }).sendAnalyze('c1', csv),
      CSV,
    );
    const frame = session.page.frameLocator('#app');
    await expect
      .poll(() => frame.getByRole('tab').allTextContents(), { timeout: 30_000 })
      .toEqual(['Columnas', 'Alertas (1)']);
    expect(await frame.locator('html').getAttribute('data-theme')).toBe('dark');
  });

  it('ignores a host whose origin is not listed', async () => {
    const { host } = await setUp(false);
    await session.page.goto(host.url);
    await session.page.frameLocator('#app').getByTestId('dropzone').waitFor();
    await session.page.evaluate(
      (csv) => (window as unknown as { sendAnalyze: (id: string, t: string) => void }).sendAnalyze('x', csv),
      CSV,
    );
    await session.page.waitForTimeout(2_000);
    expect(await received(session)).toEqual([]);
  });

  it("sends the user's own results only after consent in the frame", async () => {
    const { host } = await setUp(true);
    await session.page.goto(host.url);
    await expect.poll(async () => (await received(session)).length).toBeGreaterThan(0);
    // The host must have written once for the app to know where results may go.
    await session.page.evaluate(
      (csv) => (window as unknown as { sendAnalyze: (id: string, t: string) => void }).sendAnalyze('h1', csv),
      CSV,
    );
    await expect
      .poll(
        async () => (await received(session)).some((m) => m.data.id === 'h1' && m.data.type === 'smartdata:result'),
        { timeout: 30_000 },
      )
      .toBe(true);
    const frame = session.page.frames().find((f) => f.url().includes('embed=1'));
    if (frame === undefined) throw new Error('no app frame');
    const transfer = await frame.evaluateHandle(() => {
      const t = new DataTransfer();
      t.items.add(new File(['x,y\n1,2\n3,4\n'], 'mine.csv', { type: 'text/csv' }));
      return t;
    });
    await frame.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer: transfer });
    await expect.poll(() => frame.getByTestId('file-name').textContent(), { timeout: 30_000 }).toBe('mine.csv');
    await session.page.waitForTimeout(500);
    const before = (await received(session)).filter((m) => m.data.type === 'smartdata:result');
    expect(before.map((m) => m.data.id)).toEqual(['h1']);
    await frame.getByTestId('share-with-host').getByRole('button').click();
    await expect
      .poll(async () => (await received(session)).filter((m) => m.data.type === 'smartdata:result').length)
      .toBe(2);
  });

  it('answers a flood of requests with BUSY and stays usable', async () => {
    const { host } = await setUp(true);
    await session.page.goto(host.url);
    await expect.poll(async () => (await received(session)).length).toBeGreaterThan(0);
    await session.page.evaluate(
      (csv) =>
        (window as unknown as { sendAnalyze: (id: string, t: string, n: number) => void }).sendAnalyze(
          'flood',
          csv,
          200,
        ),
      CSV,
    );
    await expect
      .poll(async () => (await received(session)).filter((m) => m.data.code === 'BUSY').length, { timeout: 30_000 })
      .toBe(199);
    await expect
      .poll(async () => (await received(session)).some((m) => m.data.type === 'smartdata:result'), { timeout: 30_000 })
      .toBe(true);
    await session.page.evaluate(
      (csv) => (window as unknown as { sendAnalyze: (id: string, t: string) => void }).sendAnalyze('after', csv),
      CSV,
    );
    await expect
      .poll(
        async () => (await received(session)).some((m) => m.data.id === 'after' && m.data.type === 'smartdata:result'),
        { timeout: 30_000 },
      )
      .toBe(true);
  });
});
