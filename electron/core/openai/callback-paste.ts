import { BROWSER_REDIRECT_URI } from './browser-sign-in';

/** Longest paste looked at: a callback URL is a few hundred characters (reference §11.9 rule 1). */
const PASTE_MAX = 4096;
const BARE_CODE = /^[A-Za-z0-9._~-]{1,1024}$/;

type PasteProblem =
  | 'too_long'
  /** A URL, but not the sign-in result (another host, port or path, a fragment, credentials). */
  | 'not_callback_url'
  | 'duplicate_param'
  /** Neither a code nor an error, or both. */
  | 'missing_result'
  | 'not_a_code';

export type ParsedPaste =
  | { kind: 'code'; code: string; state: string | null }
  | { kind: 'error'; error: string; description: string | null; state: string | null }
  | { kind: 'invalid'; problem: PasteProblem };

const invalid = (problem: PasteProblem): ParsedPaste => ({ kind: 'invalid', problem });

/** `code`, `state`, `error`, `error_description` from a query: each at most once; the rest ignored. */
function fromQuery(params: URLSearchParams): ParsedPaste {
  for (const key of ['code', 'state', 'error', 'error_description']) {
    if (params.getAll(key).length > 1) return invalid('duplicate_param');
  }
  const code = params.get('code');
  const error = params.get('error');
  const state = params.get('state') || null;
  if ((code === null) === (error === null)) return invalid('missing_result');
  if (error !== null) return { kind: 'error', error, description: params.get('error_description'), state };
  return BARE_CODE.test(code!) ? { kind: 'code', code: code!, state } : invalid('not_a_code');
}

/**
 * What the invitee pasted after signing in (reference §11.9's rules): the whole callback URL, the
 * part after `?`, or the bare code. The URL must be the registered redirect itself (`http`,
 * `localhost` or `127.0.0.1`, its port and path, no credentials, no fragment). Never echoes the
 * input back: callers get a code, an error, or the kind of problem.
 */
export function parseCallbackPaste(input: string): ParsedPaste {
  if (input.length > PASTE_MAX) return invalid('too_long');
  const text = input
    .trim()
    .replace(/^(["'<])(.*)([>"'])$/s, '$2')
    .trim();
  if (text.length === 0) return invalid('missing_result');
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return invalid('not_callback_url');
    }
    const expected = new URL(BROWSER_REDIRECT_URI);
    const ok =
      url.protocol === 'http:' &&
      (url.hostname === 'localhost' || url.hostname === '127.0.0.1') &&
      url.port === expected.port &&
      url.pathname === expected.pathname &&
      url.username === '' &&
      url.password === '' &&
      url.hash === '' &&
      !text.includes('#');
    return ok ? fromQuery(url.searchParams) : invalid('not_callback_url');
  }
  if (/(^|[?&])(code|error)=/.test(text)) return fromQuery(new URLSearchParams(text.replace(/^\?/, '')));
  return BARE_CODE.test(text) ? { kind: 'code', code: text, state: null } : invalid('not_a_code');
}

/** Codex's test for "no Codex entitlement": a case-insensitive substring of the description (reference §11.7). */
export const missingCodexEntitlement = (description: string | null) =>
  /missing_codex_entitlement/i.test(description ?? '');
