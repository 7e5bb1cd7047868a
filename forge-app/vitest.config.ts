import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * forge-app's own test run. `zod` is pinned to this package's copy so the shared contract (imported
 * as `@shared/...`, an alias of ../shared/src, as in tsconfig paths and the bundle) resolves the same module here as in the bundle.
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^zod$/, replacement: fileURLToPath(import.meta.resolve('zod')) },
      { find: /^@shared\/(.*)$/, replacement: `${fileURLToPath(new URL('../shared/src/', import.meta.url))}$1` },
    ],
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
