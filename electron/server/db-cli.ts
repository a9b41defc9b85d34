import { parseArgs } from 'node:util';
import { copyToPostgres, CopyRefused, createLogger, StartupError } from '../core';

const USAGE = `Usage:
  npm run serve -- db copy --to postgres://user:password@host:5432/database`;

/**
 * `npm run serve -- db copy --to postgres://…`: moves a team server from its data folder's SQLite
 * file to PostgreSQL. Run it while the server is stopped; then start the server with
 * POOLER_DATABASE_URL set to the same URL. Exit 0 copied, 1 refused, 2 misused.
 */
export async function dbCommand(dataDir: string, args: string[]): Promise<number> {
  let to: string | undefined;
  let command: string | undefined;
  try {
    const parsed = parseArgs({ args, allowPositionals: true, options: { to: { type: 'string' } } });
    [command] = parsed.positionals;
    to = parsed.values.to;
    if (command !== 'copy' || parsed.positionals.length !== 1 || !to) throw new Error('misused');
  } catch {
    console.error(USAGE);
    return 2;
  }
  const { logger, file } = createLogger(dataDir, 'warn');
  try {
    const counts = await copyToPostgres({ dataDir, url: to, logger, now: Date.now });
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`Copied ${total} rows from ${dataDir} to PostgreSQL; every table's count matches:`);
    for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(20)} ${n}`);
    console.log('Start the server with POOLER_DATABASE_URL set to that URL (and the same data key file).');
    return 0;
  } catch (err) {
    if (err instanceof CopyRefused || err instanceof StartupError) {
      console.error(`Nothing was copied: ${(err as Error).message}`);
      return 1;
    }
    throw err;
  } finally {
    file.close();
  }
}
