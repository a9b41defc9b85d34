import { createHash, randomBytes } from 'node:crypto';

const digest = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/**
 * Who may use the browser console. A link's token (the one printed at start, or one made for
 * another browser) is a bootstrap: it works once, for the page to trade it for a session. The
 * session is a bearer the page keeps in its own origin's storage and sends in a header; no
 * cookie is ever set, so nothing a browser sends to another port on 127.0.0.1 grants anything.
 * Only digests are kept, and looked up by digest, so a comparison leaks nothing of a secret.
 */
export function createConsoleSessions() {
  const links = new Set<string>();
  const sessions = new Set<string>();

  return {
    /** A fresh one-time link token. */
    newLinkToken(): string {
      const token = randomBytes(32).toString('base64url');
      links.add(digest(token));
      return token;
    },
    /** Trades a link token for a session, once; null if it is unknown or already used. */
    exchange(linkToken: unknown): string | null {
      if (typeof linkToken !== 'string' || !links.delete(digest(linkToken))) return null;
      const session = randomBytes(32).toString('base64url');
      sessions.add(digest(session));
      return session;
    },
    isSession(presented: string | undefined): boolean {
      return typeof presented === 'string' && sessions.has(digest(presented));
    },
  };
}
