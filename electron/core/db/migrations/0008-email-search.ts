import type { Migration } from '../migrate';

export const emailSearch: Migration = {
  version: 8,
  name: 'email-search',
  sql: `
-- Email search by substring without a scan: every invite's email in an FTS5 index of its
-- trigrams (case-insensitive), so a search of three characters or more reads only the rows that
-- hold it. External content: the index keeps no second copy of the emails; the triggers keep it
-- in step inside the very transaction that changes an invite.
CREATE VIRTUAL TABLE invites_email_search USING fts5(
  email, content = 'invites', content_rowid = 'seq', tokenize = 'trigram'
);
INSERT INTO invites_email_search (invites_email_search) VALUES ('rebuild');
CREATE TRIGGER invites_email_search_insert AFTER INSERT ON invites BEGIN
  INSERT INTO invites_email_search (rowid, email) VALUES (new.seq, new.email);
END;
CREATE TRIGGER invites_email_search_delete AFTER DELETE ON invites BEGIN
  INSERT INTO invites_email_search (invites_email_search, rowid, email) VALUES ('delete', old.seq, old.email);
END;
CREATE TRIGGER invites_email_search_update AFTER UPDATE OF email ON invites BEGIN
  INSERT INTO invites_email_search (invites_email_search, rowid, email) VALUES ('delete', old.seq, old.email);
  INSERT INTO invites_email_search (rowid, email) VALUES (new.seq, new.email);
END;
`,
};
