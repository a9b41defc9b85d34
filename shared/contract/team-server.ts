/**
 * What a console and a team server must agree on. A client sends the contract version it speaks
 * in `CONTRACT_HEADER` and a server of another version refuses it with a message, rather than
 * answering calls whose shapes have moved. Bumped with every change to a channel, an event or a
 * policy (a test pins it to a digest of them all).
 */
export const CONTRACT_VERSION = 1;
export const CONTRACT_HEADER = 'Pooler-Contract';
/** The browser's session on a team server: HttpOnly, SameSite=Strict, Secure behind TLS. */
export const SESSION_COOKIE = 'pooler_session';
