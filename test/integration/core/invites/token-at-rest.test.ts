import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedInvite } from '../../../../shared/contract';
import { seedOperatorAndPools, tokenHashOf, tokenOf } from '../../../support/invite-fixtures';
import { allFiles } from '../../../support/data-files';
import { storedBytes } from '../../../support/db-snapshot';
import { startTestCore, type TestCore } from '../../../support/test-core';

describe('the raw invite token', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await startTestCore({ env: { POOLER_LOG_LEVEL: 'trace' } });
  });
  afterAll(() => t.dispose());

  it('is nowhere at rest: not in the .db or -wal bytes, the audit log or the logs', async () => {
    const { research } = await seedOperatorAndPools(t);
    const issued: IssuedInvite[] = [];
    for (let i = 0; i < 20; i++) {
      issued.push(
        await t.call('invites.create', {
          poolId: research,
          email: `user${i}@example.com`,
          expiry: '24h',
          sendEmail: false,
        }),
      );
    }
    issued.push(
      await t.services.invites.reissue(
        issued[0]!.invite.id,
        { kind: 'operator', name: 'Ada' },
        { emailRequested: false },
      ),
    );
    await t.services.invites.accept(tokenHashOf(issued[1]!), {
      acceptedByEmail: 'user1@example.com',
      upstreamId: 'u-1',
    });
    await t.call('invites.revoke', { id: issued[2]!.invite.id });

    const rows = await storedBytes(t);
    for (const invite of issued) expect(rows.includes(Buffer.from(tokenOf(invite))), 'a row holds a token').toBe(false);
    const files = allFiles(t.dataDir);
    if (t.services.sqlite) expect(files.some((f) => f.endsWith('pooler.db-wal'))).toBe(true);
    expect(files.some((f) => f.endsWith('pooler.log'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const invite of issued) {
        const token = tokenOf(invite);
        expect(bytes.includes(Buffer.from(token)), `${file} holds a token`).toBe(false);
        expect(bytes.includes(Buffer.from(token, 'base64url')), `${file} holds a token's bytes`).toBe(false);
        expect(bytes.includes(Buffer.from(`/onboarding/invites/`)), `${file} holds an invite URL`).toBe(false);
      }
    }

    const audit = JSON.stringify((await t.call('audit.list', { limit: 200 })).entries);
    for (const invite of issued) {
      expect(audit).not.toContain(tokenOf(invite));
      expect(audit).not.toContain(tokenHashOf(invite).toString('hex'));
      expect(audit).not.toContain(tokenHashOf(invite).toString('base64'));
    }
    // What the console reads back never includes a token or hash either.
    const listed = JSON.stringify(await t.call('invites.list', {}));
    const retrieved = JSON.stringify(await t.call('invites.retrieve', { id: issued[0]!.invite.id }));
    for (const invite of issued) {
      for (const text of [listed, retrieved]) {
        expect(text).not.toContain(tokenOf(invite));
        expect(text).not.toContain(tokenHashOf(invite).toString('hex'));
      }
    }
  });
});
