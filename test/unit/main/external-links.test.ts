import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../electron/main/external-links';

describe('openExternal allow-list', () => {
  it.each([
    ['https://chatgpt.com/#settings/Security', true],
    ['https://auth.openai.com/codex/device', true],
    ['https://help.openai.com/en/articles/1', true],
    ['http://auth.openai.com/codex/device', false],
    ['https://auth.openai.com.evil.example/', false],
    ['https://evil.example/?u=https://chatgpt.com', false],
    ['https://user:pass@chatgpt.com/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['mailto:ada@example.com', false],
    ['', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });

  it('admits extra https origins exactly (the configured issuer)', () => {
    expect(isAllowedExternalUrl('https://auth.staging.example/codex/device', ['https://auth.staging.example'])).toBe(
      true,
    );
    expect(isAllowedExternalUrl('https://auth.staging.example:8443/', ['https://auth.staging.example'])).toBe(false);
  });
});
