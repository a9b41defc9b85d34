import type { Migration } from '../migrate';

export const browserSignIn: Migration = {
  version: 7,
  name: 'browser-sign-in',
  sql: `
-- An invitee's browser sign-in (reference §11): one live attempt per invite, a new one replaces
-- it. The verifier is sealed; of the state only its SHA-256 is kept.
CREATE TABLE browser_attempts (
  invite_id TEXT PRIMARY KEY REFERENCES invites (id),
  -- The invite token it was started under: a reissue ends it.
  token_hash BLOB NOT NULL,
  state_hash BLOB NOT NULL CHECK (length(state_hash) = 32),
  verifier BLOB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'exchanging', 'done', 'failed')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
`,
};
