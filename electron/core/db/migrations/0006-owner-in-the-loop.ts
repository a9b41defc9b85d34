import type { Migration } from '../migrate';

export const ownerInTheLoop: Migration = {
  version: 6,
  name: 'owner-in-the-loop',
  sql: `
-- A relink link is an invite bound to an existing upstream (upstream_id, set when it is issued):
-- accepting it replaces that account's tokens in place instead of linking a new one.
ALTER TABLE invites ADD COLUMN kind TEXT NOT NULL DEFAULT 'invite' CHECK (kind IN ('invite', 'relink'));
-- One active invite per Pool and email is a rule about invites; relink links have their own:
-- at most one active per account.
DROP INDEX invites_one_active;
CREATE UNIQUE INDEX invites_one_active ON invites (pool_id, email) WHERE status = 'active' AND kind = 'invite';
CREATE UNIQUE INDEX invites_one_active_relink ON invites (upstream_id) WHERE status = 'active' AND kind = 'relink';
-- The Invites page's "Relink" filter: relink links are few, so a partial index keeps it a walk.
CREATE INDEX invites_relinks ON invites (seq) WHERE kind = 'relink';

-- Set when the operator exported the account's auth.json and handed it over: the console stops
-- refreshing it (a refresh token is single-use) until it is relinked.
ALTER TABLE upstreams ADD COLUMN handed_off_at INTEGER;
-- The latest export of the tokens it holds now (cleared when new tokens arrive): a later
-- refresh_token_reused is then most likely the exported copy having refreshed first.
ALTER TABLE upstreams ADD COLUMN tokens_exported_at INTEGER;

-- Where each upstream's credentials came from, and every export of them (not secret).
CREATE TABLE upstream_lineage (
  seq INTEGER PRIMARY KEY,
  upstream_id TEXT NOT NULL REFERENCES upstreams (id) ON DELETE CASCADE,
  event TEXT NOT NULL CHECK (event IN ('invite', 'relink', 'import', 'export_copy', 'export_handoff')),
  -- The invite or relink link it came through, if any.
  invite_id TEXT,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX upstream_lineage_by_upstream ON upstream_lineage (upstream_id, seq);
`,
};
