import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../electron/core';
import type { FakeOpenAI } from '../fakes/openai/fake-openai-server';
import type { ConsoleProcess } from '../support/console-process';
import { expect, inviteId, inviteLink, rpc, screenshot, seedPool, test } from './fixtures';

/** Onboards `email` through its invite link over HTTP, as the invitee's browser would. */
async function accept(pooler: ConsoleProcess, openai: FakeOpenAI, email: string) {
  const url = await inviteLink(pooler, email);
  const started = (await (await fetch(`${url}/start`, { method: 'POST' })).json()) as { userCode: string };
  openai.approve(started.userCode, email);
  const id = await inviteId(pooler, email);
  await expect.poll(async () => (await rpc(pooler, 'invites.get', { id })).status).toBe('accepted');
}

/** Every situation an invite row can be in, each once. */
async function seedEverySituation(pooler: ConsoleProcess, openai: FakeOpenAI) {
  const research = await seedPool(pooler, 'Research');
  await accept(pooler, openai, 'alice@example.com');
  await accept(pooler, openai, 'alexandra.konstantinopoulou@example.com');
  const create = (poolId: string, email: string) =>
    rpc(pooler, 'invites.create', { poolId, email, expiry: '24h', sendEmail: false });
  await rpc(pooler, 'invites.revoke', { id: (await create(research, 'mallory@example.com')).invite.id });
  const lapsed = (await create(research, 'carol@example.com')).invite.id;
  const db = new Database(join(pooler.dataDir, DATABASE_FILE));
  db.prepare('UPDATE invites SET expires_at = ? WHERE id = ?').run(Date.now() - 60_000, lapsed);
  // The widest times this year's rows can show: a two-digit day and a two-digit hour.
  const widest = new Date(new Date().getFullYear(), 0, 28, 10, 44).getTime();
  db.prepare(
    `UPDATE invites SET created_at = @widest,
       accepted_at = CASE WHEN accepted_at IS NULL THEN NULL ELSE @widest END,
       revoked_at = CASE WHEN revoked_at IS NULL THEN NULL ELSE @widest END`,
  ).run({ widest });
  db.close();
  await create(research, 'dave@example.com');
  const paused = await seedPool(pooler, 'Quiet Lab');
  await create(paused, 'erin@example.com');
  await rpc(pooler, 'pools.setStatus', { id: paused, status: 'disabled' });
  const closed = await seedPool(pooler, 'Old Team');
  await create(closed, 'frank@example.com');
  await rpc(pooler, 'pools.setStatus', { id: closed, status: 'archived' });
}

test('every chip and result fits from 1280 to 1920 px; a paused or closed link says so', async ({
  page,
  app,
  pooler,
  openai,
}) => {
  test.setTimeout(60_000);
  await seedEverySituation(pooler, openai);
  const invites = await app.open('/invites');
  await expect(invites.rows).toHaveCount(7);

  const paused = invites.row('erin@example.com');
  await expect(paused.getByText('Paused', { exact: true })).toBeVisible();
  await expect(invites.resultLine('erin@example.com', 'Pool disabled')).toBeVisible();
  await expect(invites.resultLine('erin@example.com', 'Link paused')).toBeVisible();
  await expect(paused.getByRole('button', { name: /Actions/ })).toHaveCount(0);
  const closed = invites.row('frank@example.com');
  await expect(closed.getByText('Closed', { exact: true })).toBeVisible();
  await expect(invites.resultLine('frank@example.com', 'Pool archived')).toBeVisible();
  await expect(invites.resultLine('frank@example.com', 'Link closed')).toBeVisible();
  await expect(closed).not.toContainText('in 24 hours');
  await expect(invites.resultLine('alice@example.com', 'by alice@example.com')).toBeVisible();

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 1600, 1920]) {
      await page.setViewportSize({ width, height: 800 });
      // What a cell cuts short, it cuts with an ellipsis; chips and results must not be cut at all
      // (the one very long email may lose its end on the "by" line, which keeps the rest).
      const cut = await invites.table.evaluate((table) => {
        const found: string[] = [];
        for (const chip of table.querySelectorAll<HTMLElement>('.row-chip')) {
          const cell = chip.closest('td')!.getBoundingClientRect();
          if (chip.getBoundingClientRect().right > cell.right || chip.scrollWidth > chip.clientWidth)
            found.push(`chip ${chip.textContent}`);
        }
        for (const line of table.querySelectorAll<HTMLElement>('td.invite-result > span')) {
          if (line.scrollWidth > line.clientWidth && !line.textContent!.includes('konstantinopoulou'))
            found.push(`result ${line.textContent}`);
        }
        // Created, the account email (a usual one), Invited by and Expires: none is cut either.
        for (const row of table.querySelectorAll('tbody tr[data-invite-id]')) {
          if (row.textContent!.includes('konstantinopoulou')) continue;
          for (const index of [0, 3, 4, 7]) {
            const cell = row.children[index] as HTMLElement;
            if (cell.scrollWidth > cell.clientWidth) found.push(`cell ${cell.textContent}`);
          }
        }
        return found;
      });
      expect(cut, `${scheme} ${width}px`).toEqual([]);
      const longWho = invites.resultCell('alexandra.konstantinopoulou@example.com').getByText(/^by alexandra/);
      await expect(longWho).toBeVisible();
      await screenshot(page, `invites-every-situation-${width}-${scheme}`);
    }
  }

  await paused.click();
  await expect(invites.details.getByText('Paused', { exact: true })).toBeVisible();
  await expect(invites.details).toContainText('(disabled: the link is paused until the Pool is enabled again)');
  await screenshot(page, 'invite-details-paused-dark');
});
