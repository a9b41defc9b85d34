import type { Migration } from '../migrate';

export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Values sealed with AES-256-GCM by the secrets module; never plain text.
CREATE TABLE secrets (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE pools (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  -- Case-folded, whitespace-collapsed name: uniqueness is case-insensitive across all Pools.
  name_key TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('active', 'disabled', 'archived')),
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  occurred_at INTEGER NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('operator', 'invitee', 'system')),
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT,
  pool_id TEXT REFERENCES pools (id),
  details TEXT NOT NULL DEFAULT '{}'
) STRICT;

-- Keyset paging newest-first under every filter combination.
CREATE INDEX audit_events_by_action ON audit_events (action, id);
CREATE INDEX audit_events_by_pool ON audit_events (pool_id, id);
CREATE INDEX audit_events_by_pool_action ON audit_events (pool_id, action, id);
CREATE INDEX audit_events_by_target ON audit_events (target_type, target_id, id);

CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
`,
};
