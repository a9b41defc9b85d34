import { afterEach, describe, expect, it } from 'vitest';
import { createWriteBatch } from '../../../../electron/core/db/write-batch';
import { DIALECTS, openTestDatabase, type OpenedDatabase } from '../../../support/sql-databases';

const opened: OpenedDatabase[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

/** A settings row per number: the key is unique, so writing one twice fails. */
async function table(dialect: (typeof DIALECTS)[number]) {
  const o = await openTestDatabase(dialect);
  opened.push(o);
  const { db } = o;
  return {
    db,
    put: (x: number) => async () => {
      await db
        .q()
        .insertInto('settings')
        .values({ key: String(x), value: '{}', updated_at: 0 })
        .execute();
    },
    rows: async () =>
      (await db.q().selectFrom('settings').select('key').orderBy('key').execute()).map((r) => Number(r.key)),
  };
}

describe.each(DIALECTS)('a write batch on %s', (dialect) => {
  it('commits the writes of one turn together, and settles each caller once they are committed', async () => {
    const { db, put, rows } = await table(dialect);
    const batch = createWriteBatch(db);
    const both = Promise.all([batch(put(1)), batch(put(2))]);
    // Nothing is written until the turn ends: the callers' writes go in as one.
    expect(await rows()).toEqual([]);
    await both;
    expect(await rows()).toEqual([1, 2]);
  });

  it('is one transaction: a failing write takes the writes of its turn with it, and nothing else', async () => {
    const { db, put, rows } = await table(dialect);
    const batch = createWriteBatch(db);
    await batch(put(1));
    const [kept, duplicate] = [batch(put(3)), batch(put(1))];
    await expect(kept).rejects.toThrow(/UNIQUE|duplicate key/);
    await expect(duplicate).rejects.toThrow(/UNIQUE|duplicate key/);
    expect(await rows()).toEqual([1]);
    // The next turn is a transaction of its own.
    await batch(put(4));
    expect(await rows()).toEqual([1, 4]);
  });
});
