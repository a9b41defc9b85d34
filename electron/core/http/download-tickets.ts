import { randomBytes } from 'node:crypto';
import type { Download } from '../rpc/download';

const TICKET_TTL_MS = 60_000;

/**
 * One-time download links for the browser console. A download channel called over /rpc (with
 * the bearer token) leaves its file here under an unguessable ticket; the page then follows
 * `/download/{ticket}` as a plain link, so the bytes go to the file without passing through page
 * script. A ticket works once, within a minute, and nothing else authorises a download.
 */
export function createDownloadTickets(now: () => number = Date.now) {
  const tickets = new Map<string, { download: Download; expiresAt: number }>();

  function sweep() {
    const at = now();
    for (const [id, ticket] of tickets) if (ticket.expiresAt <= at) tickets.delete(id);
  }

  return {
    issue(download: Download): string {
      sweep();
      const id = randomBytes(32).toString('base64url');
      tickets.set(id, { download, expiresAt: now() + TICKET_TTL_MS });
      return id;
    },
    /** The download a ticket names, once; null if unknown, used or expired. */
    take(id: string): Download | null {
      const ticket = tickets.get(id);
      tickets.delete(id);
      return ticket && ticket.expiresAt > now() ? ticket.download : null;
    },
  };
}
