import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under a data folder: the database, its WAL and shared memory, the logs. */
export function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}
