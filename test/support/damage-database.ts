import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';

/** The ways a probe damaged a closed database file (a disk fault, a bad copy, a stray write). */
export const DAMAGE = {
  'not a database at all': (file: string) => writeFileSync(file, randomBytes(statSync(file).size)),
  'cut short': (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2)),
  'header wiped': (file: string) => overwrite(file, 0, Buffer.alloc(100)),
  'a page in the middle wiped': (file: string) => {
    // A leaf of the invites table, half-way through it: nothing at start-up reads it by chance.
    const db = new Database(file, { readonly: true });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const leaves = db
      .prepare("SELECT pageno FROM dbstat WHERE name = 'invites' AND pagetype = 'leaf' ORDER BY pageno")
      .all() as { pageno: number }[];
    db.close();
    const page = leaves[Math.floor(leaves.length / 2)]!.pageno;
    overwrite(file, (page - 1) * pageSize, Buffer.alloc(pageSize));
  },
} as const;

export type Damage = keyof typeof DAMAGE;

function overwrite(file: string, at: number, bytes: Buffer) {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, at);
  } finally {
    closeSync(fd);
  }
}

/** The file's bytes, to show a failed start changed nothing. */
export const bytesOf = (file: string) => readFileSync(file);
