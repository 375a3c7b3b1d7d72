/* How the tests and the browser bench launch Chromium: free of vitest, so that the bench can import it. */

/** Debian's Chromium, or CHROMIUM_PATH. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Headless flags: no sandbox (root in CI), no GPU, and nothing that talks to Google's servers. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
