import type { Migration } from '../migrate';

export const onboarding: Migration = {
  version: 3,
  name: 'onboarding',
  sql: `
-- One ChatGPT account (account id + user id) is one upstream, shared by every Pool it joins.
CREATE TABLE upstreams (
  id TEXT PRIMARY KEY,
  chatgpt_account_id TEXT NOT NULL,
  chatgpt_user_id TEXT NOT NULL,
  email TEXT NOT NULL,
  plan_type TEXT,
  credential_state TEXT NOT NULL
    CHECK (credential_state IN ('pending', 'ready', 'refresh_due', 'refresh_failed', 'reauth_required')),
  credential_reason TEXT,
  -- Tokens sealed by the secrets module, each bound to this row and its column.
  access_token BLOB,
  refresh_token BLOB,
  id_token BLOB,
  access_token_expires_at INTEGER,
  last_refresh_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (chatgpt_account_id, chatgpt_user_id)
) STRICT;

CREATE TABLE upstream_pools (
  upstream_id TEXT NOT NULL REFERENCES upstreams (id) ON DELETE CASCADE,
  pool_id TEXT NOT NULL REFERENCES pools (id),
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (upstream_id, pool_id)
) STRICT;
CREATE INDEX upstream_pools_by_pool ON upstream_pools (pool_id);

-- A device-code login in progress for an invite. The device id and user code are sealed.
CREATE TABLE onboarding_sessions (
  id TEXT PRIMARY KEY,
  invite_id TEXT NOT NULL REFERENCES invites (id),
  -- The invite token the session was started under: a reissue ends the session.
  token_hash BLOB NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'connected', 'failed', 'superseded')),
  device BLOB,
  verification_url TEXT NOT NULL,
  interval_seconds INTEGER NOT NULL,
  deadline_at INTEGER NOT NULL,
  next_poll_at INTEGER,
  transient_failures INTEGER NOT NULL DEFAULT 0,
  failure TEXT,
  account_email TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX onboarding_sessions_one_pending ON onboarding_sessions (invite_id) WHERE state = 'pending';
CREATE INDEX onboarding_sessions_by_invite ON onboarding_sessions (invite_id, created_at);
`,
};
