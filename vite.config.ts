import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** After `vite preview` starts, print the URL that opens the app on the bundled sample. */
function printSampleUrl(): Plugin {
  return {
    name: 'smartdata:print-sample-url',
    configurePreviewServer(server) {
      server.httpServer.once('listening', () => {
        setTimeout(() => {
          const url = server.resolvedUrls?.local[0];
          if (url !== undefined) console.log(`\n  Open with the bundled sample: ${url}?sample=ventas-es\n`);
        }, 0);
      });
    },
  };
}

export default defineConfig({
  // Relative base: the build runs from any sub-path of any static server.
  base: './',
  plugins: [react(), printSampleUrl()],
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
  },
  worker: {
    format: 'es',
  },
  optimizeDeps: {
    include: [
      'comlink',
      'papaparse',
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-cpu',
      'xlsx',
    ],
  },
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  preview: {
    port: 4173,
  },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/contract/**/*.test.ts', 'tests/ui/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    coverage: {
      provider: 'v8',
      include: ['src/**', 'workers/**'],
      exclude: ['src/ui/main.tsx', 'src/cli/smartdata.mjs', '**/*.d.ts', '**/*.json'],
      reporter: ['text-summary'],
      thresholds: {
        'src/core/**': { statements: 90, branches: 85 },
        statements: 70,
      },
    },
  },
});
