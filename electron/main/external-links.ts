/** Hosts the console may open in the operator's browser: OpenAI's own pages, over https only. */
const EXTERNAL_HOSTS = ['chatgpt.com', 'auth.openai.com', 'platform.openai.com', 'help.openai.com', 'openai.com'];

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
