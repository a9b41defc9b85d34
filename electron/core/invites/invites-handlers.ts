import type { InviteDelivery } from '../mail/invite-delivery';
import type { Download } from '../rpc/download';
import type { HandlersOf } from '../rpc/dispatch';
import { exportContentType, exportFileName, writeInviteExport } from './invite-export';
import { toInviteRow, toRetrievedInvite } from './invite-record';
import type { InvitesQuery } from './invites-query';
import type { InvitesService } from './invites-service';

const PAGE = 100;

export function invitesHandlers(deps: {
  invites: InvitesService;
  query: InvitesQuery;
  delivery: InviteDelivery;
  now: () => number;
}): HandlersOf<'invites'> {
  const { invites, query, delivery, now } = deps;

  return {
    'invites.list': async (input, caller) => {
      const at = now();
      const page = await query.page({ ...input, pools: caller.pools, limit: input.limit ?? PAGE, now: at });
      return { invites: page.records.map((r) => toInviteRow(r, at)), nextCursor: page.nextCursor };
    },
    'invites.get': async (input) => toInviteRow(await query.existing(input.id), now()),
    'invites.retrieve': async (input) => toRetrievedInvite(await query.existing(input.id), now()),
    'invites.create': (input, caller) => delivery.create(input, caller.actor),
    'invites.reissue': (input, caller) => delivery.reissue(input.id, caller.actor),
    'invites.revoke': (input, caller) => invites.revoke(input.id, caller.actor),
    'invites.export': (input, caller): Download => {
      const at = now();
      return {
        fileName: exportFileName(input.format, at),
        contentType: exportContentType(input.format),
        title: 'Export invites',
        write: (out) =>
          writeInviteExport(out, {
            format: input.format,
            filters: { ...input.filters, pools: caller.pools },
            query,
            now: at,
          }),
      };
    },
  };
}
