import { defineConfig } from 'vitest/config';

/** One vitest run for every workspace; tests live beside the code they test. */
export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'test/src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/src/support/server-bundle-setup.ts'],
  },
});
