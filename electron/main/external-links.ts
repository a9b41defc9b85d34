/**
 * Hosts the console may open in the operator's browser, over https only: OpenAI's own pages, and
 * the install and setup pages of the tunnel programs Settings names.
 */
const EXTERNAL_HOSTS = [
  'chatgpt.com',
  'auth.openai.com',
  'platform.openai.com',
  'help.openai.com',
  'openai.com',
  'developers.cloudflare.com',
  'ngrok.com',
  'dashboard.ngrok.com',
  'tailscale.com',
  'login.tailscale.com',
];

export function isAllowedExternalUrl(url: string, extraOrigins: readonly string[] = []): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  return EXTERNAL_HOSTS.includes(parsed.hostname) || extraOrigins.includes(parsed.origin);
}
