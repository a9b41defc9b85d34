import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRequest } from '../../../../shared/onboarding/page-requests';
import { ONBOARDING_CSP } from '../../../../electron/core/onboarding/onboarding-headers';
import { schemaBadInputs } from '../../../support/bad-inputs';
import { snapshotStore } from '../../../support/db-snapshot';
import { tokenOf } from '../../../support/invite-fixtures';
import { startOnboardingHarness, type OnboardingHarness } from '../../../support/onboarding-harness';

let h: OnboardingHarness;
let url: string;
let token: string;
beforeAll(async () => {
  h = await startOnboardingHarness();
  const issued = await h.invite('bob@example.com');
  url = issued.url;
  token = tokenOf(issued);
});
afterAll(() => h.dispose());

function expectHardened(response: Response, body: string, what: string) {
  expect(response.headers.get('content-security-policy'), what).toBe(ONBOARDING_CSP);
  expect(response.headers.get('cache-control'), what).toBe('no-store');
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(body, what).not.toContain(token);
}

describe('the onboarding listener against bad input', () => {
  it('answers every malformed start body with a typed 400 and changes nothing', async () => {
    const before = await snapshotStore(h.t);
    const cases = schemaBadInputs('start', startRequest, { again: true });
    expect(cases.length).toBeGreaterThan(10);
    for (const c of cases) {
      const response = await fetch(`${url}/start`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(c.input),
      });
      const text = await response.text();
      expect(response.status, c.label).toBe(400);
      expectHardened(response, text, c.label);
      // A __proto__ key is refused by the JSON parser itself, before validation, in plain words.
      if (c.field === '__proto__') {
        expect(text, c.label).toBe('Request not accepted');
        continue;
      }
      expect(JSON.parse(text), c.label).toMatchObject({ error: { code: 'validation_failed' } });
      expect((JSON.parse(text) as { error: { fields: object } }).error.fields, c.label).toHaveProperty([c.field]);
    }
    for (const [type, body] of [
      ['text/plain', 'again'],
      ['application/x-www-form-urlencoded', 'again=true'],
      ['application/json', '{"again":'],
    ]) {
      const response = await fetch(`${url}/start`, { method: 'POST', headers: { 'Content-Type': type! }, body });
      const text = await response.text();
      expect([400, 415], type).toContain(response.status);
      expectHardened(response, text, type!);
    }
    expect(await snapshotStore(h.t)).toEqual(before);
    expect(h.fake.requests).toEqual([]);
  });

  it('answers every malformed token on every route without a lookup, an echo or a change', async () => {
    const before = await snapshotStore(h.t);
    const base = `${await h.t.publicUrl()}/onboarding/invites`;
    const tokens: [string, string][] = [
      ['one short', token.slice(1)],
      ['one long', `${token}A`],
      ['the real token and more', `${token}${'B'.repeat(5000)}`],
      ['base64 padding', `${token.slice(2)}==`],
      ['percent-encoded NUL', `${token.slice(3)}%00`],
      ['a path climb', '..%2F..%2Fpooler.db'],
      ['unicode look-alike', `${token.slice(1)}\u0410`],
      ['markup', encodeURIComponent('<script>alert(1)</script>')],
      ['a bad escape', '%E0%A4%A'],
    ];
    const routes: [string, (t: string) => Promise<Response>][] = [
      ['page', (t) => fetch(`${base}/${t}`)],
      ['state', (t) => fetch(`${base}/${t}/state`)],
      ['start', (t) => fetch(`${base}/${t}/start`, { method: 'POST' })],
      ['events', (t) => fetch(`${base}/${t}/events`)],
    ];
    for (const [label, bad] of tokens) {
      for (const [route, call] of routes) {
        const what = `${route}: ${label}`;
        const response = await call(bad);
        // The event stream of a bad token ends after its one state, so reading it completes.
        const text = await response.text();
        if (route === 'events' && response.status === 200) expect(text, what).toBe('data: {"view":"unavailable"}\n\n');
        else expect([400, 404, 414], what).toContain(response.status);
        expectHardened(response, text, what);
        expect(text, what).not.toContain(bad.slice(0, 20));
      }
    }
    expect(await snapshotStore(h.t)).toEqual(before);
    expect(h.fake.requests).toEqual([]);
  });
});
