import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/open-database';
import { createWriteBatch } from '../../../../electron/core/db/write-batch';
import { makeTempDir } from '../../../support/temp-dir';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function table() {
  const dir = makeTempDir('pooler-batch');
  dirs.push(dir);
  const db = openDatabase(join(dir.path, 'batch.db'));
  db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY) STRICT');
  const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
  return { db, put: (x: number) => () => void insert.run(x), rows: () => db.prepare('SELECT x FROM t').pluck().all() };
}

describe('a write batch', () => {
  it('commits the writes of one turn together, and settles each caller once they are committed', async () => {
    const { db, put, rows } = table();
    const batch = createWriteBatch(db);
    const both = Promise.all([batch(put(1)), batch(put(2))]);
    // Nothing is written until the turn ends: the callers' writes go in as one.
    expect(rows()).toEqual([]);
    await both;
    expect(rows()).toEqual([1, 2]);
    db.close();
  });

  it('is one transaction: a failing write takes the writes of its turn with it, and nothing else', async () => {
    const { db, put, rows } = table();
    const batch = createWriteBatch(db);
    await batch(put(1));
    const [kept, duplicate] = [batch(put(3)), batch(put(1))];
    await expect(kept).rejects.toThrow(/UNIQUE/);
    await expect(duplicate).rejects.toThrow(/UNIQUE/);
    expect(rows()).toEqual([1]);
    // The next turn is a transaction of its own.
    await batch(put(4));
    expect(rows()).toEqual([1, 4]);
    db.close();
  });
});
