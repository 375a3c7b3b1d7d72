import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
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

/**
 * A strict Content Security Policy, in production builds only (the dev server injects inline
 * scripts). 'wasm-unsafe-eval' lets TF.js compile its WASM; nothing may connect anywhere else.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'smartdata:csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/* The service worker precaches the shell, worker chunks, WASM binaries and samples (Workbox skips .wasm by default). */
function pwa() {
  return VitePWA({
    registerType: 'prompt', // a reload would destroy an analysis in memory: updates are offered, never forced
    injectRegister: false, // src/pwa registers it, only when not embedded
    includeAssets: ['icons/apple-touch-icon.png'],
    manifest: {
      name: 'SmartData Analyzer',
      short_name: 'SmartData',
      description: 'Analyse CSV, TSV and Excel files in your browser. Your data never leaves your device.',
      lang: 'en',
      start_url: '.',
      scope: '.',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#0057b8',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
      file_handlers: [
        {
          action: '.',
          accept: {
            'text/csv': ['.csv'],
            'text/tab-separated-values': ['.tsv'],
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
            'application/vnd.ms-excel': ['.xls'],
          },
        },
      ],
      launch_handler: { client_mode: 'focus-existing' },
    },
    workbox: {
      // Manifest icons and the manifest itself are added by the plugin; list the rest (wasm too).
      globPatterns: ['**/*.{js,css,html,wasm,csv,xlsx,svg}'],
      maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
    },
  });
}

export default defineConfig({
  // Relative base: the build runs from any sub-path of any static server.
  base: './',
  plugins: [react(), printSampleUrl(), pwa(), contentSecurityPolicy()],
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
    // As the README's nginx config: a sandboxed iframe (opaque origin) fetches the module scripts with CORS.
    headers: { 'Access-Control-Allow-Origin': '*' },
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
