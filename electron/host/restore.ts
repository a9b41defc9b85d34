// npm run restore -- <backup>: puts a backup in place of the data folder's database.
// Without an argument it lists the backups. Run it while no Pooler Console uses the folder.
import { join } from 'node:path';
import { BACKUPS_FOLDER, createLogger, defaultDataDir, listBackups, restoreBackup, RestoreError } from '../core';

const dataDir = process.env.POOLER_DATA_DIR?.trim() || defaultDataDir();
const [backup] = process.argv.slice(2);

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

if (!backup) {
  const backups = listBackups(join(dataDir, BACKUPS_FOLDER));
  if (backups.length === 0) console.log(`No backups in ${join(dataDir, BACKUPS_FOLDER)} yet.`);
  for (const b of backups) console.log(`${b.name}  ${new Date(b.createdAt).toLocaleString()}  ${size(b.bytes)}`);
  if (backups.length > 0) console.log('Restore one with: npm run restore -- <name or path>');
} else {
  const { logger, file } = createLogger(dataDir);
  try {
    const { restored, previous } = restoreBackup({ dataDir, backup, now: Date.now, logger });
    console.log(`Restored ${restored} into ${dataDir}.`);
    if (previous) console.log(`The database it replaced is kept as ${previous}.`);
  } catch (err) {
    if (!(err instanceof RestoreError)) throw err;
    console.error(`Pooler Console could not restore: ${err.message}`);
    process.exitCode = 1;
  } finally {
    file.close();
  }
}
