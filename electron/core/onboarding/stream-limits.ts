/** How many invite-page event streams may be open at once. */
export interface StreamLimits {
  perClient: number;
  perInvite: number;
  total: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perClient: 8, perInvite: 16, total: 512 };

/**
 * Counts open event streams by client address and by invite link, so no one client (or one
 * leaked link) can hold the listener's sockets, and the process's file descriptors stay bounded
 * whatever arrives.
 */
export function createStreamSlots(limits: StreamLimits) {
  const byClient = new Map<string, number>();
  const byInvite = new Map<string, number>();
  let total = 0;

  const bump = (counts: Map<string, number>, key: string, by: number) => {
    const next = (counts.get(key) ?? 0) + by;
    if (next > 0) counts.set(key, next);
    else counts.delete(key);
  };

  return {
    /** A slot for one stream, or null when a limit is reached; call the result to give it back. */
    take(client: string, invite: string): (() => void) | null {
      if (total >= limits.total) return null;
      if ((byClient.get(client) ?? 0) >= limits.perClient) return null;
      if ((byInvite.get(invite) ?? 0) >= limits.perInvite) return null;
      total++;
      bump(byClient, client, 1);
      bump(byInvite, invite, 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total--;
        bump(byClient, client, -1);
        bump(byInvite, invite, -1);
      };
    },
    open: () => total,
  };
}
