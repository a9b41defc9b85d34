import type { AccountSettings } from '../../../shared/contract';
import { AppError } from '../errors';
import type { Logger } from '../log/logger';

/** How long an automatic relink link lasts: owners often need a few days to get to it. */
const AUTOMATIC_EXPIRY = '7d';

/**
 * Settings → Accounts: when an account starts needing its owner, do nothing, create a relink
 * link, or create it and email the owner (only while SMTP is configured; otherwise the link is
 * created and waits on the Invites page). An account that recovers by itself has its pending
 * link revoked. Runs after the change that caused it; a failure is logged, never thrown.
 */
export function createRelinkAutomation(deps: {
  settings: { accounts(): Promise<AccountSettings> };
  smtpConfigured(): Promise<boolean>;
  issue(id: string, input: { expiry: typeof AUTOMATIC_EXPIRY; sendEmail: boolean }): Promise<unknown>;
  revoke(id: string): Promise<unknown>;
  logger: Logger;
}) {
  const { logger } = deps;
  return {
    async broken(ids: string[]): Promise<void> {
      const mode = (await deps.settings.accounts()).relinkAutomation;
      if (mode === 'off') return;
      const sendEmail = mode === 'link_and_email' && (await deps.smtpConfigured());
      await Promise.all(
        ids.map((id) =>
          deps.issue(id, { expiry: AUTOMATIC_EXPIRY, sendEmail }).catch((err: unknown) => {
            // One is already out (never more than one per account), or the account left its Pools.
            if (err instanceof AppError) logger.info({ upstream: id, code: err.code }, 'no automatic relink link');
            else logger.error({ err, upstream: id }, 'automatic relink link failed');
          }),
        ),
      );
    },
    async recovered(ids: string[]): Promise<void> {
      for (const id of ids) {
        await deps.revoke(id).catch((err: unknown) => {
          logger.error({ err, upstream: id }, 'could not revoke the relink link of a recovered account');
        });
      }
    },
  };
}
