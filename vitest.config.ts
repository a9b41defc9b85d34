import { defineConfig } from 'vitest/config';

/**
 * The suites that read and write the core's data through its services: they run a second time
 * with every test core on PostgreSQL (a fresh database each). Suites about the SQLite file itself
 * (backups, damage, migrations, the data folder) and about shells run once; the database layer's
 * own suites (changes, write batches, opening PostgreSQL) cover both dialects inside one run.
 */
const STORAGE_SUITES = [
  'test/integration/core/alerts/**/*.test.ts',
  'test/integration/core/audit/audit-log.test.ts',
  'test/integration/core/invites/**/*.test.ts',
  'test/integration/core/mail/invite-email.test.ts',
  'test/integration/core/onboarding/*.test.ts',
  'test/integration/core/operators/**/*.test.ts',
  'test/integration/core/pools/**/*.test.ts',
  'test/integration/core/rpc/**/*.test.ts',
  'test/integration/core/settings/**/*.test.ts',
  'test/integration/core/upstreams/**/*.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests own real files, ports and keychain entries; keep them in separate
    // processes so one test's state can never leak into another's.
    pool: 'forks',
    // One throw-away PostgreSQL cluster for the run.
    globalSetup: ['test/support/postgres-global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'postgres', include: STORAGE_SUITES, env: { POOLER_TEST_DATABASE: 'postgres' } },
      },
    ],
  },
});
