import type { TestProject } from 'vitest/node';
import { startThrowawayCluster } from '../../scripts/postgres-cluster.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * One throw-away PostgreSQL cluster for the whole run (or the one POOLER_TEST_POSTGRES_URL names):
 * each test file makes its own databases in it (test/support/postgres.ts).
 */
export default async function setup(project: TestProject) {
  const given = process.env.POOLER_TEST_POSTGRES_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return;
  }
  const cluster = await startThrowawayCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
