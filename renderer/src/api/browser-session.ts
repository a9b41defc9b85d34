const STORAGE_KEY = 'pooler-console.session';

/** A printed link's token in the address: `browserSession` trades it for a session over the network. */
export function holdsLinkToken(): boolean {
  return new URLSearchParams(window.location.search).has('token');
}

/** A link's token in the address, or a session this browser kept: what `browserSession` signs in with. */
export function holdsBrowserSession(): boolean {
  return holdsLinkToken() || window.localStorage.getItem(STORAGE_KEY) !== null;
}

/**
 * Signs this tab in to the browser console. A printed link carries a one-time token: it leaves
 * the address bar at once, and is traded for a session kept in this origin's storage (so other
 * tabs of this browser share it, and no other port can read it). Without a fresh token, the
 * session already stored is used; null means this browser has none.
 */
export async function browserSession(): Promise<string | null> {
  const token = new URLSearchParams(window.location.search).get('token');
  if (window.location.search) window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  if (token) {
    const response = await fetch('/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    if (response.ok) {
      const { data } = (await response.json()) as { data: { session: string } };
      window.localStorage.setItem(STORAGE_KEY, data.session);
      return data.session;
    }
  }
  return window.localStorage.getItem(STORAGE_KEY);
}
