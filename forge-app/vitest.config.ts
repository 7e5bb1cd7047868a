import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * forge-app's own test run. `zod` is pinned to this package's copy so the shared contract (imported
 * by relative path from ../shared) resolves the same module here as in the bundle.
 */
export default defineConfig({
  resolve: {
    alias: [{ find: /^zod$/, replacement: fileURLToPath(import.meta.resolve('zod')) }],
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
