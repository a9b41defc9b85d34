import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests own real files, ports and keychain entries; keep them in separate
    // processes so one test's state can never leak into another's.
    pool: 'forks',
  },
});
