/* A minimal static file server for tests: serves dist/ under any path prefix, like a plain host. */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

/** Content types by extension, as a static host serves them. */
export const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.csv': 'text/csv',
};

export interface StaticServer {
  readonly url: string;
  readonly notFound: string[];
  close(): Promise<void>;
}

/** Serves `root` at `http://127.0.0.1:<port><prefix>`; records every 404. */
export async function serveStatic(
  root: string,
  prefix: string,
  extraFiles: Record<string, string> = {},
): Promise<StaticServer> {
  const notFound: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const relative = path.startsWith(prefix) ? path.slice(prefix.length) || 'index.html' : undefined;
    const extra = relative === undefined ? undefined : extraFiles[relative];
    if (extra !== undefined) {
      response.writeHead(200, { 'content-type': TYPES[extname(relative ?? '')] ?? 'text/plain' }).end(extra);
      return;
    }
    const file = relative === undefined ? undefined : normalize(join(root, relative));
    if (file === undefined || !file.startsWith(normalize(root))) {
      notFound.push(path);
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) =>
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => {
        notFound.push(path);
        response.writeHead(404).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    notFound,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
