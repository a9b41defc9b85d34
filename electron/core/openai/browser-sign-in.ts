import { createHash, randomBytes } from 'node:crypto';
import { CODEX_CLIENT_ID } from './openai-http';

/**
 * Codex CLI's registered redirect (reference §11.2 row 3). Nothing listens there on the
 * invitee's machine: the browser shows an error page whose address the invitee pastes back.
 */
export const BROWSER_REDIRECT_URI = 'http://localhost:1455/auth/callback';

/** The newest Codex scope (reference §11.2 row 4); `offline_access` brings the refresh token. */
const SCOPE = 'openid profile email offline_access api.connectors.read api.connectors.invoke';

export interface BrowserAttempt {
  /** Stays in the console: never in a page, a URL or a log. */
  verifier: string;
  state: string;
  /** The only thing the page is given. */
  authorizeUrl: string;
}

const b64u = (buffer: Buffer) => buffer.toString('base64url');

/**
 * A fresh PKCE attempt (reference §11.3): a 64-byte verifier, its S256 challenge and a 32-byte
 * state, and the authorize URL built the way Codex builds it (§11.2: its parameters, in its order,
 * each percent-encoded).
 */
export function startBrowserAttempt(issuer: string): BrowserAttempt {
  const verifier = b64u(randomBytes(64));
  const challenge = b64u(createHash('sha256').update(verifier).digest());
  const state = b64u(randomBytes(32));
  const params: [string, string][] = [
    ['response_type', 'code'],
    ['client_id', CODEX_CLIENT_ID],
    ['redirect_uri', BROWSER_REDIRECT_URI],
    ['scope', SCOPE],
    ['code_challenge', challenge],
    ['code_challenge_method', 'S256'],
    ['id_token_add_organizations', 'true'],
    ['codex_cli_simplified_flow', 'true'],
    ['state', state],
    ['originator', 'codex_cli_rs'],
    // Not Codex's, but peers send it so a browser already signed in to ChatGPT offers the account
    // chooser instead of silently using whichever account is signed in (§11.2, unconfirmed effect).
    ['prompt', 'login'],
  ];
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return { verifier, state, authorizeUrl: `${issuer}/oauth/authorize?${query}` };
}
