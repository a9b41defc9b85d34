import type { Migration } from '../migrate';

export const invites: Migration = {
  version: 2,
  name: 'invites',
  sql: `
CREATE TABLE invites (
  -- Insertion order: the table's newest-first order and the keyset cursor.
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  pool_id TEXT NOT NULL REFERENCES pools (id),
  email TEXT NOT NULL,
  -- SHA-256 of the raw token; the token itself is never stored.
  token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  -- 'expired' is written only once expires_at has passed (a cache for the indexes below);
  -- every read still derives expiry from expires_at.
  status TEXT NOT NULL CHECK (status IN ('active', 'accepted', 'expired', 'revoked')),
  ttl_seconds INTEGER NOT NULL CHECK (ttl_seconds > 0),
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  accepted_at INTEGER,
  accepted_by_email TEXT,
  upstream_id TEXT,
  revoked_at INTEGER,
  revoked_by TEXT,
  email_requested INTEGER NOT NULL DEFAULT 0 CHECK (email_requested IN (0, 1)),
  email_sent_at INTEGER,
  email_error TEXT,
  reissued_count INTEGER NOT NULL DEFAULT 0,
  last_reissued_at INTEGER,
  -- Never accepted and revoked: each end state carries its own timestamp, and only its own.
  CHECK ((status = 'accepted') = (accepted_at IS NOT NULL)),
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
) STRICT;

-- Newest-first keyset pages for every filter combination (Pool × status).
CREATE INDEX invites_by_pool ON invites (pool_id, seq);
CREATE INDEX invites_by_status ON invites (status, seq);
CREATE INDEX invites_by_pool_status ON invites (pool_id, status, seq);
CREATE INDEX invites_lapsed ON invites (seq) WHERE status IN ('active', 'expired');
CREATE INDEX invites_lapsed_by_pool ON invites (pool_id, seq) WHERE status IN ('active', 'expired');
-- At most one active invite per Pool and email (lapsed ones are stored as expired first).
CREATE UNIQUE INDEX invites_one_active ON invites (pool_id, email) WHERE status = 'active';
-- The sweep that stores lapsed invites as expired.
CREATE INDEX invites_active_expiry ON invites (expires_at) WHERE status = 'active';
`,
};
