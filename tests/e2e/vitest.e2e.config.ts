import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium driven by playwright-core against `vite preview` of the build.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
