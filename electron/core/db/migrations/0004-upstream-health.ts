import type { Migration } from '../migrate';

export const upstreamHealth: Migration = {
  version: 4,
  name: 'upstream-health',
  sql: `
-- Set (and committed) before a refresh request leaves, cleared in the transaction that saves its
-- answer. Still set at start-up means the console stopped in between: the old refresh token may
-- already be spent upstream, so the account needs a relink rather than a retry.
ALTER TABLE upstreams ADD COLUMN refresh_started_at INTEGER;
-- Transient refresh failures in a row, and when to try again (backoff).
ALTER TABLE upstreams ADD COLUMN refresh_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE upstreams ADD COLUMN next_refresh_at INTEGER;
CREATE INDEX upstreams_by_state ON upstreams (credential_state, access_token_expires_at);

-- The latest quota reading of each upstream (reference §9), and the latest attempt.
CREATE TABLE upstream_quota (
  upstream_id TEXT PRIMARY KEY REFERENCES upstreams (id) ON DELETE CASCADE,
  -- JSON array of {seconds, usedPercent, resetAt}, as the usage endpoint last reported them.
  windows TEXT NOT NULL DEFAULT '[]',
  limit_reached INTEGER NOT NULL DEFAULT 0,
  observed_at INTEGER,
  checked_at INTEGER NOT NULL,
  error TEXT,
  next_probe_at INTEGER NOT NULL
) STRICT;
CREATE INDEX upstream_quota_due ON upstream_quota (next_probe_at);
`,
};
