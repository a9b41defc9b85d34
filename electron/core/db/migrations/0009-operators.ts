import type { Migration } from '../migrate';

export const operators: Migration = {
  version: 9,
  name: 'operators',
  sql: `
-- The team server's operators (owner, admin scoped to Pools, viewer). A desktop console has none.
-- Passwords are argon2id hashes; the TOTP secret is sealed; recovery codes and every token
-- (enrolment, session) are kept as SHA-256 digests only.
CREATE TABLE operators (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'viewer')),
  -- An admin's Pools (a JSON array of ids); empty for owners and viewers.
  pool_ids TEXT NOT NULL DEFAULT '[]',
  password_hash TEXT,
  totp_secret BLOB,
  -- The last TOTP time step accepted: a code is never taken twice.
  totp_last_step INTEGER,
  -- SHA-256 digests (hex, JSON array) of the recovery codes not yet used.
  recovery_codes TEXT NOT NULL DEFAULT '[]',
  failed_sign_ins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  enrolled_at INTEGER,
  revoked_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
-- One operator per email among those not revoked.
CREATE UNIQUE INDEX operators_email_active ON operators (email) WHERE revoked_at IS NULL;

CREATE TABLE operator_enrolments (
  token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
  operator_id TEXT NOT NULL REFERENCES operators (id),
  -- The TOTP secret offered on the enrolment page (sealed), confirmed by the first code.
  pending_totp BLOB,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE operator_sessions (
  token_hash BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
  operator_id TEXT NOT NULL REFERENCES operators (id),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
CREATE INDEX operator_sessions_operator ON operator_sessions (operator_id);
`,
};
