import { describe, expect, it } from 'vitest';
import { parseCallbackPaste } from '../../../../electron/core/openai/callback-paste';

const CODE = 'ac_Xy9-Zz.q~1';
const STATE = 'S'.repeat(43);
const url = (query: string, base = 'http://localhost:1455/auth/callback') => `${base}?${query}`;

describe('the sign-in paste (reference §11.9)', () => {
  it('reads the full callback URL, ignoring scope and anything else', () => {
    expect(parseCallbackPaste(url(`code=${CODE}&scope=openid+profile&state=${STATE}&x=1`))).toEqual({
      kind: 'code',
      code: CODE,
      state: STATE,
    });
    expect(parseCallbackPaste(url(`code=${CODE}&state=${STATE}`, 'http://127.0.0.1:1455/auth/callback'))).toEqual({
      kind: 'code',
      code: CODE,
      state: STATE,
    });
  });

  it('takes whitespace, quotes and angle brackets around it, the bare query, or the bare code', () => {
    expect(parseCallbackPaste(`  \n"${url(`code=${CODE}&state=${STATE}`)}"\t`)).toMatchObject({ code: CODE });
    expect(parseCallbackPaste(`<${url(`code=${CODE}&state=${STATE}`)}>`)).toMatchObject({ code: CODE });
    expect(parseCallbackPaste(`?code=${CODE}&state=${STATE}`)).toEqual({ kind: 'code', code: CODE, state: STATE });
    expect(parseCallbackPaste(` ${CODE} `)).toEqual({ kind: 'code', code: CODE, state: null });
  });

  it('reads a refusal with its state, so the page can say denied', () => {
    expect(parseCallbackPaste(url(`error=access_denied&error_description=User+denied&state=${STATE}`))).toEqual({
      kind: 'error',
      error: 'access_denied',
      description: 'User denied',
      state: STATE,
    });
  });

  it('refuses URLs that are not the sign-in result', () => {
    for (const other of [
      url(`code=${CODE}&state=${STATE}`, 'https://localhost:1455/auth/callback'),
      url(`code=${CODE}&state=${STATE}`, 'http://evil.example:1455/auth/callback'),
      url(`code=${CODE}&state=${STATE}`, 'http://localhost:1457/auth/callback'),
      url(`code=${CODE}&state=${STATE}`, 'http://localhost:1455/success'),
      url(`code=${CODE}&state=${STATE}`, 'http://user:pw@localhost:1455/auth/callback'),
      `${url(`code=${CODE}&state=${STATE}`)}#frag`,
      'javascript:alert(1)',
    ]) {
      expect(parseCallbackPaste(other), other).toEqual({ kind: 'invalid', problem: 'not_callback_url' });
    }
  });

  it('refuses duplicated or missing results, codes that are not codes, and junk', () => {
    expect(parseCallbackPaste(url(`code=a&code=b&state=${STATE}`))).toEqual({
      kind: 'invalid',
      problem: 'duplicate_param',
    });
    expect(parseCallbackPaste(url(`code=a&error=x&state=${STATE}`))).toMatchObject({ problem: 'missing_result' });
    expect(parseCallbackPaste(url(`state=${STATE}`))).toMatchObject({ problem: 'missing_result' });
    expect(parseCallbackPaste('')).toMatchObject({ problem: 'missing_result' });
    expect(parseCallbackPaste('not a code at all')).toMatchObject({ problem: 'not_a_code' });
    expect(parseCallbackPaste(url(`code=<script>&state=${STATE}`))).toMatchObject({ problem: 'not_a_code' });
    expect(parseCallbackPaste('x'.repeat(10 * 1024))).toEqual({ kind: 'invalid', problem: 'too_long' });
  });
});
