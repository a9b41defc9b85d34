import type { InviteDelivery } from '../mail/invite-delivery';
import type { Download } from '../rpc/download';
import type { HandlersOf } from '../rpc/dispatch';
import type { SettingsService } from '../settings/settings-service';
import { exportContentType, exportFileName, writeInviteExport } from './invite-export';
import { toInviteRow, toRetrievedInvite } from './invite-record';
import type { InvitesQuery } from './invites-query';
import type { InvitesService } from './invites-service';

const PAGE = 100;

export function invitesHandlers(deps: {
  invites: InvitesService;
  query: InvitesQuery;
  delivery: InviteDelivery;
  settings: SettingsService;
  now: () => number;
}): HandlersOf<'invites'> {
  const { invites, query, delivery, settings, now } = deps;

  return {
    'invites.list': (input) => {
      const at = now();
      const page = query.page({ ...input, limit: input.limit ?? PAGE, now: at });
      return { invites: page.records.map((r) => toInviteRow(r, at)), nextCursor: page.nextCursor };
    },
    'invites.get': (input) => toInviteRow(query.existing(input.id), now()),
    'invites.retrieve': (input) => toRetrievedInvite(query.existing(input.id), now()),
    'invites.create': (input) => delivery.create(input, settings.operatorActor()),
    'invites.reissue': (input) => delivery.reissue(input.id, settings.operatorActor()),
    'invites.revoke': (input) => invites.revoke(input.id, settings.operatorActor()),
    'invites.export': (input): Download => {
      const at = now();
      return {
        fileName: exportFileName(input.format, at),
        contentType: exportContentType(input.format),
        title: 'Export invites',
        write: (out) => writeInviteExport(out, { format: input.format, filters: input.filters, query, now: at }),
      };
    },
  };
}
