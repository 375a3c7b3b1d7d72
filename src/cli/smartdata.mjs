#!/usr/bin/env node
// Entry of the `smartdata` bin. It runs the TypeScript sources through tsx, so the CLI works right
// after `npm install`, with no build step to remember.
import { readFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isStderrTty: process.stderr.isTTY === true,
  version,
});
