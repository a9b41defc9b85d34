import { describe, expect, it } from 'vitest';
import type { OnboardingSettings } from '../../../../shared/contract';
import { reachLine } from '../../../../shared/format/reach-line';

const setting = (env: string, value: string) => ({ env, label: env, value, source: 'default' as const });

function settings(overrides: Partial<OnboardingSettings> = {}): OnboardingSettings {
  const publicUrl = overrides.status?.publicUrl ?? 'http://127.0.0.1:7420';
  return {
    host: setting('POOLER_ONBOARDING_HOST', '127.0.0.1'),
    port: setting('POOLER_ONBOARDING_PORT', '7420'),
    publicUrl: setting('POOLER_PUBLIC_URL', publicUrl),
    reach: { mode: 'local' },
    scope: 'this_computer',
    notice: null,
    status: { state: 'listening', listeningOn: '127.0.0.1:7420', publicUrl, message: null },
    addresses: [],
    tunnels: [],
    tunnel: null,
    reachability: { state: 'unchecked', url: null, checkedAt: null, roundTripMs: null, failure: null, detail: null },
    ...overrides,
  };
}

const tunnelUp = {
  reach: { mode: 'tunnel', program: 'cloudflared', path: '' },
  scope: 'internet',
  status: {
    state: 'listening',
    listeningOn: '127.0.0.1:7420',
    publicUrl: 'https://a-b.trycloudflare.com',
    message: null,
  },
  tunnel: { program: 'cloudflared', state: 'up', url: 'https://a-b.trycloudflare.com', message: null },
} as const satisfies Partial<OnboardingSettings>;

describe('the reach line', () => {
  it('says plainly that only this computer can open a link in the default mode', () => {
    expect(reachLine(settings())).toEqual({
      severity: 'info',
      text: 'Only this computer can open this link.',
      unreachable: false,
    });
  });

  it('claims no more than a check from this computer proves', () => {
    const line = reachLine(
      settings({
        ...tunnelUp,
        reachability: {
          state: 'reachable',
          url: 'https://a-b.trycloudflare.com/onboarding/health',
          checkedAt: 1,
          roundTripMs: 87,
          failure: null,
          detail: null,
        },
      }),
    );
    expect(line).toEqual({
      severity: 'success',
      text: 'Anyone with the link should be able to open it: a check from this computer reached this console at a-b.trycloudflare.com in 87 ms.',
      unreachable: false,
    });
  });

  it('names the local network for a private address', () => {
    const text = reachLine(
      settings({
        reach: { mode: 'network', address: '192.168.1.20' },
        scope: 'local_network',
        status: {
          state: 'listening',
          listeningOn: '192.168.1.20:7420',
          publicUrl: 'http://192.168.1.20:7420',
          message: null,
        },
        reachability: { state: 'reachable', url: null, checkedAt: 1, roundTripMs: 2, failure: null, detail: null },
      }),
    ).text;
    expect(text).toMatch(/^Computers on your local network should be able to open it/);
  });

  it('marks links unreachable when the check fails, the tunnel is down, or nothing listens', () => {
    const failed = reachLine(
      settings({
        ...tunnelUp,
        reachability: {
          state: 'unreachable',
          url: null,
          checkedAt: 1,
          roundTripMs: null,
          failure: 'dns',
          detail: 'its host name does not resolve',
        },
      }),
    );
    expect(failed).toEqual({
      severity: 'error',
      text: 'Links may not open: a check of a-b.trycloudflare.com from this computer failed — its host name does not resolve.',
      unreachable: true,
    });
    const starting = reachLine(settings({ ...tunnelUp, tunnel: { ...tunnelUp.tunnel, state: 'starting', url: null } }));
    expect(starting).toMatchObject({ severity: 'warning', unreachable: true });
    expect(starting.text).toBe('The cloudflared tunnel is starting; links made now only open on this computer.');
    const stopped = reachLine(
      settings({
        status: {
          state: 'failed',
          listeningOn: null,
          publicUrl: 'http://127.0.0.1:7420',
          message: 'Port 7420 is in use.',
        },
      }),
    );
    expect(stopped).toMatchObject({ severity: 'error', unreachable: true });
  });

  it('passes a vanished network address on as a warning', () => {
    const notice = 'The address 192.168.1.20 is no longer on this machine.';
    expect(reachLine(settings({ notice }))).toEqual({ severity: 'warning', text: notice, unreachable: false });
  });
});
