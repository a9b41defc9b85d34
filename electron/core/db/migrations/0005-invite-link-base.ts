import type { Migration } from '../migrate';

export const inviteLinkBase: Migration = {
  version: 5,
  name: 'invite-link-base',
  sql: `
-- Where an invite's link points (scheme, host and port; not secret), set when it is issued or
-- reissued, so an invite whose address this console no longer serves can be flagged.
-- NULL for invites issued before this was recorded: nothing is known, so nothing is flagged.
ALTER TABLE invites ADD COLUMN link_base TEXT;
`,
};
