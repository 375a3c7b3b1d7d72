import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { preview, type PreviewServer } from 'vite';
import { DIST, chromiumPath } from './browser.ts';

let server: PreviewServer | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Serves the build under test (DIST) with `vite preview` on a free
 * port. Fails loudly when the build or Chromium is missing.
 */
export async function setup(project: TestProject): Promise<void> {
  const outDir = DIST;
  if (!existsSync(`${outDir}/index.html`))
    throw new Error(`${outDir}/ is missing: run \`npm run build\` before the browser tests.`);
  const browser = chromiumPath();
  if (!existsSync(browser)) {
    throw new Error(`Chromium not found at ${browser}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  server = await preview({
    build: { outDir },
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'error',
  });
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) throw new Error('vite preview did not report its URL');
  project.provide('baseUrl', url);
}

export async function teardown(): Promise<void> {
  await server?.close();
}
