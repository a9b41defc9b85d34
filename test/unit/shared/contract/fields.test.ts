import { describe, expect, it } from 'vitest';
import { emailAddress, plainText, prefixedId } from '../../../../shared/contract/fields';

const email = emailAddress();
const name = plainText('Pool name', 80);

describe('emailAddress', () => {
  it.each([
    ['ada@example.com', 'ada@example.com'],
    ['  Ada.Lovelace@Example.COM ', 'ada.lovelace@example.com'],
    ['first+tag@sub.example.co.uk', 'first+tag@sub.example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['x@y.io', 'x@y.io'],
    ['ada@example.com\r\n', 'ada@example.com'],
    ['user_name-1@my-host.example', 'user_name-1@my-host.example'],
  ])('accepts %j as %j', (input, normalized) => {
    expect(email.parse(input)).toBe(normalized);
  });

  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['ada', 'valid email'],
    ['ada@example', 'valid email'],
    ['@example.com', 'valid email'],
    ['ada@@example.com', 'valid email'],
    ['ada lovelace@example.com', 'valid email'],
    ['ada@exa mple.com', 'valid email'],
    ['ada@example.com\r\nBcc: victim@example.com', 'valid email'],
    ['ada\t@example.com', 'valid email'],
    ['<ada@example.com>', 'valid email'],
    ['"ada"@example.com', 'valid email'],
    ['ada@-example.com', 'valid email'],
    ['.ada@example.com', 'valid email'],
    ['ada.@example.com', 'valid email'],
    ['ada..lovelace@example.com', 'valid email'],
    ['ada@example.c', 'valid email'],
    ['adä@example.com', 'valid email'],
    ['\u202eada@example.com', 'valid email'],
    [`${'a'.repeat(250)}@example.com`, '254 characters'],
    [`${'a'.repeat(10240)}@example.com`, '254 characters'],
  ])('rejects %j', (input, message) => {
    const result = email.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });

  it('says "required" for a missing value and "text" for a non-string', () => {
    expect(email.safeParse(undefined).error?.issues[0]?.message).toBe('Email is required.');
    expect(email.safeParse(42).error?.issues[0]?.message).toBe('Email must be text.');
  });
});

describe('plainText', () => {
  it('trims and keeps inner text, including right-to-left letters and other scripts', () => {
    expect(name.parse('  Research  ')).toBe('Research');
    expect(name.parse('مختبر البحث')).toBe('مختبر البحث');
    expect(name.parse('Платформа')).toBe('Платформа');
    expect(name.parse('R&D "core" team')).toBe('R&D "core" team');
  });

  it.each([
    ['', 'Pool name is required.'],
    ['   ', 'Pool name is required.'],
    ['a'.repeat(81), 'Pool name must be 80 characters or fewer.'],
    ['a'.repeat(10240), 'Pool name must be 80 characters or fewer.'],
    ['<script>alert(1)</script>', 'Pool name cannot contain < or >.'],
    ['<b>Research</b>', 'Pool name cannot contain < or >.'],
    ['Research\r\nLab', 'Pool name cannot contain line breaks or control characters.'],
    ['Research\u0000', 'Pool name cannot contain line breaks or control characters.'],
    ['\u202eslaog', 'Pool name cannot contain text-direction control characters.'],
    ['Research\u2066Lab', 'Pool name cannot contain text-direction control characters.'],
    ['Re\u200bsearch', 'Pool name cannot contain invisible characters, such as zero-width spaces.'],
    ['Research\u200d', 'Pool name cannot contain invisible characters, such as zero-width spaces.'],
    ['Re\ufeffsearch', 'Pool name cannot contain invisible characters, such as zero-width spaces.'],
    ['Re\u00adsearch', 'Pool name cannot contain invisible characters, such as zero-width spaces.'],
    ['Research\u3164', 'Pool name cannot contain invisible characters, such as zero-width spaces.'],
    ['Research\u2060Lab', 'Pool name cannot contain invisible characters, such as zero-width spaces.'],
  ])('rejects %j', (input, message) => {
    expect(name.safeParse(input).error?.issues[0]?.message).toBe(message);
  });

  it('normalises to NFC, so a name typed with combining accents is the same name', () => {
    const composed = 'Caf\u00e9';
    const decomposed = 'Cafe\u0301';
    expect(name.parse(decomposed)).toBe(composed);
    expect(name.parse(composed)).toBe(composed);
  });
});

describe('prefixedId', () => {
  const id = prefixedId('pool', 'Pool');
  it('accepts its own shape only', () => {
    expect(id.safeParse('pool-0123456789abcdef01234567').success).toBe(true);
    for (const bad of [
      'invite-0123456789abcdef01234567',
      'pool-0123',
      'pool-0123456789ABCDEF01234567',
      "pool-' OR 1=1 --",
      '',
    ]) {
      expect(id.safeParse(bad).success).toBe(false);
    }
  });
});
