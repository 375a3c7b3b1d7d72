import { describe, expect, it } from 'vitest';
import { startEmbedBridge, type EmbedWindow } from '../../src/embed/bridge.ts';
import { parseAllowedOrigins, parseEmbedOptions, parseHostMessage } from '../../src/embed/protocol.ts';

const HOST = 'https://host.example.org';

function fakeWindow() {
  const posted: { message: unknown; origin: string }[] = [];
  const listeners: ((event: MessageEvent) => void)[] = [];
  const parent = { postMessage: (message: unknown, origin: string) => posted.push({ message, origin }) };
  const win: EmbedWindow = {
    parent,
    addEventListener: (_type, listener) => listeners.push(listener),
    removeEventListener: (_type, listener) => listeners.splice(listeners.indexOf(listener), 1),
  };
  const send = (data: unknown, origin = HOST, source: unknown = parent): void => {
    for (const l of [...listeners]) l({ data, origin, source } as unknown as MessageEvent);
  };
  return { win, posted, send, listeners };
}

const analyze = (id: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'smartdata:analyze',
  v: 1,
  id,
  name: 'a.csv',
  data: new TextEncoder().encode('a\n1\n').buffer,
  options: { delimiter: ',', k: 3, types: { a: 'categorical' }, language: 'es' },
  ...extra,
});

describe('embed protocol parsing', () => {
  it('accepts a well-formed analyze request and turns its data into a Blob', () => {
    const message = parseHostMessage(analyze('job-1'));
    expect(message).toMatchObject({
      type: 'smartdata:analyze',
      id: 'job-1',
      options: {
        ingest: { delimiter: ',' },
        analysis: { cluster: { k: 3 }, types: { a: 'categorical' } },
        language: 'es',
      },
    });
    expect(message?.type === 'smartdata:analyze' && message.data instanceof Blob).toBe(true);
  });

  it.each([
    ['another version', { ...analyze('x'), v: 2 }],
    ['an unknown type', { type: 'smartdata:steal', v: 1 }],
    ['a missing id', analyze(undefined)],
    ['data that is not bytes', analyze('x', { data: 'a,b' })],
    ['a bad delimiter', analyze('x', { options: { delimiter: ':' } })],
    ['a bad k', analyze('x', { options: { k: 0 } })],
    ['a bad type', analyze('x', { options: { types: { a: 'evil' } } })],
    ['a string', 'smartdata:analyze'],
    ['null', null],
  ])('ignores %s', (_, data) => {
    expect(parseHostMessage(data)).toBeUndefined();
  });

  it('defaults k to auto', () => {
    expect(parseEmbedOptions(undefined)?.analysis.cluster).toEqual({ k: 'auto' });
  });

  it('reads only exact origins from embed.config.json', () => {
    const origins = parseAllowedOrigins({
      allowedOrigins: [HOST, 'https://a.test/path', '*', 42, 'http://localhost:5173'],
    });
    expect([...origins]).toEqual([HOST, 'http://localhost:5173']);
    expect(parseAllowedOrigins({ allowedOrigins: '*' }).size).toBe(0);
  });
});

describe('embed bridge', () => {
  it('says READY to each allowed origin by name, never to *', () => {
    const { win, posted } = fakeWindow();
    startEmbedBridge(win, new Set([HOST, 'https://b.test']), { onAnalyze: () => undefined });
    expect(posted).toEqual([
      { message: { type: 'smartdata:ready', v: 1 }, origin: HOST },
      { message: { type: 'smartdata:ready', v: 1 }, origin: 'https://b.test' },
    ]);
  });

  it('answers an allowed host at its own origin and ignores everyone else', () => {
    const { win, posted, send } = fakeWindow();
    const requests: (string | number)[] = [];
    startEmbedBridge(win, new Set([HOST]), {
      onAnalyze: (request, reply) => {
        requests.push(request.id);
        reply.progress('parse', 0.5);
        reply.error('EMPTY_FILE', 'empty');
      },
    });
    send(analyze('from-evil'), 'https://evil.test');
    send(analyze('from-other-window'), HOST, {});
    send(analyze('ok'));
    expect(requests).toEqual(['ok']);
    expect(posted.slice(1)).toEqual([
      { message: { type: 'smartdata:progress', v: 1, id: 'ok', stage: 'parse', fraction: 0.5 }, origin: HOST },
      { message: { type: 'smartdata:error', v: 1, id: 'ok', code: 'EMPTY_FILE', message: 'empty' }, origin: HOST },
    ]);
  });

  it('answers a flood with BUSY while one analysis runs, then accepts again', () => {
    const { win, posted, send } = fakeWindow();
    let finish: (() => void) | undefined;
    let started = 0;
    startEmbedBridge(win, new Set([HOST]), {
      onAnalyze: (_request, reply) => {
        started++;
        finish = () => reply.error('CANCELLED', 'done');
      },
    });
    for (let i = 0; i < 1000; i++) send(analyze(`flood-${i}`));
    expect(started).toBe(1);
    expect(posted.filter((p) => (p.message as { code?: string }).code === 'BUSY')).toHaveLength(999);
    finish?.();
    send(analyze('after'));
    expect(started).toBe(2);
  });

  it('answers a malformed analyze request that has an id with INVALID_REQUEST and what is wrong', () => {
    const { win, posted, send } = fakeWindow();
    const requests: (string | number)[] = [];
    startEmbedBridge(win, new Set([HOST]), { onAnalyze: (request) => void requests.push(request.id) });
    send(analyze(7, { data: 'a,b' }));
    send(analyze('k', { options: { k: 0 } }));
    send(analyze('n', { name: 'x'.repeat(300) }));
    send(analyze(undefined, { data: 'a,b' })); // no id to answer: ignored
    expect(requests).toEqual([]);
    expect(posted.slice(1).map((p) => p.message)).toEqual([
      {
        type: 'smartdata:error',
        v: 1,
        id: 7,
        code: 'INVALID_REQUEST',
        message: expect.stringContaining('data must be') as unknown,
      },
      {
        type: 'smartdata:error',
        v: 1,
        id: 'k',
        code: 'INVALID_REQUEST',
        message: expect.stringContaining('options.k') as unknown,
      },
      {
        type: 'smartdata:error',
        v: 1,
        id: 'n',
        code: 'INVALID_REQUEST',
        message: expect.stringContaining('name must') as unknown,
      },
    ]);
    // A typed array (what TextEncoder gives) is data too, and a numeric id comes back a number.
    send(analyze(8, { data: new TextEncoder().encode('a\n1\n') }));
    expect(requests).toEqual([8]);
  });

  it('answers BUSY while the frame analyses a file of its own, instead of cancelling it', () => {
    const { win, posted, send } = fakeWindow();
    let userRunning = true;
    const requests: (string | number)[] = [];
    startEmbedBridge(win, new Set([HOST]), {
      onAnalyze: (request) => void requests.push(request.id),
      isBusy: () => userRunning,
    });
    send(analyze('during'));
    expect(requests).toEqual([]);
    expect(posted.at(-1)?.message).toMatchObject({ type: 'smartdata:error', id: 'during', code: 'BUSY' });
    userRunning = false;
    send(analyze('after'));
    expect(requests).toEqual(['after']);
  });

  it('stops listening when stopped', () => {
    const { win, listeners } = fakeWindow();
    const bridge = startEmbedBridge(win, new Set([HOST]), { onAnalyze: () => undefined });
    bridge.stop();
    expect(listeners).toHaveLength(0);
  });
});
