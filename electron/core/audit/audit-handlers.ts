import type { HandlersOf } from '../rpc/dispatch';
import type { AuditLog } from './audit-log';

const PAGE = 50;

export function auditHandlers(audit: AuditLog): HandlersOf<'audit'> {
  return {
    'audit.list': (input, caller) =>
      audit.list({
        action: input.action,
        poolId: input.poolId,
        pools: caller.pools,
        inviteId: input.inviteId,
        cursor: input.cursor,
        limit: input.limit ?? PAGE,
      }),
  };
}
