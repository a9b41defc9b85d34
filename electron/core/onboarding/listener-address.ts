import type { Foundation } from '../foundation';
import type { RuntimeSetting } from '../../../shared/contract';
import type { Actor } from '../audit/audit-log';
import type { RuntimeConfig } from '../config';

const KEY = 'onboarding';

export interface ListenerSettings {
  host: string;
  port: number;
  /** Empty: derived from the host and the port actually bound. */
  publicUrl: string;
}

export interface EffectiveAddress {
  host: RuntimeSetting;
  port: RuntimeSetting;
  publicUrl: RuntimeSetting;
}

/**
 * Where the onboarding listener listens and what invite URLs start with. Each value comes from
 * the environment (POOLER_ONBOARDING_HOST / _PORT / POOLER_PUBLIC_URL), else from Settings, else
 * the default. The derived public URL follows the port actually bound (port 0 picks one).
 */
export function createListenerAddress(
  deps: Pick<Foundation, 'store' | 'changes' | 'env'> & {
    runtime: RuntimeConfig;
  },
) {
  const { store, changes, env, runtime } = deps;
  let boundPort: number | null = null;

  const stored = () => store.read<Partial<ListenerSettings>>(KEY) ?? {};

  function setting(
    envName: string,
    label: string,
    envValue: string,
    storedValue: string | undefined,
    fallback: string,
  ): RuntimeSetting {
    if (env[envName]?.trim()) return { env: envName, label, value: envValue, source: 'environment' };
    if (storedValue !== undefined && storedValue !== '')
      return { env: envName, label, value: storedValue, source: 'settings' };
    return { env: envName, label, value: fallback, source: 'default' };
  }

  function effective(): EffectiveAddress {
    const s = stored();
    const host = setting('POOLER_ONBOARDING_HOST', 'Onboarding host', runtime.onboardingHost, s.host, '127.0.0.1');
    const port = setting(
      'POOLER_ONBOARDING_PORT',
      'Onboarding port',
      String(runtime.onboardingPort),
      s.port === undefined ? undefined : String(s.port),
      '7420',
    );
    const listeningPort = boundPort ?? Number(port.value);
    const derived = `http://${host.value.includes(':') ? `[${host.value}]` : host.value}:${listeningPort}`;
    const publicUrl = setting('POOLER_PUBLIC_URL', 'Public URL', runtime.publicUrl, s.publicUrl, derived);
    return { host, port, publicUrl: { ...publicUrl, value: publicUrl.value.replace(/\/+$/, '') } };
  }

  return {
    effective,
    publicUrl: () => effective().publicUrl.value,
    /** The listener bound (a port number) or stopped (null). */
    bound(port: number | null) {
      boundPort = port;
    },
    /** Stores the operator's choice, audited; the caller restarts the listener. */
    save(input: ListenerSettings, actor: Actor) {
      const before = stored();
      changes.write((write) => {
        store.write(KEY, input);
        write.audit({
          actor,
          action: 'settings.changed',
          targetType: 'settings',
          targetId: KEY,
          poolId: null,
          details: { section: KEY, changes: { from: before, to: input } },
        });
      });
    },
  };
}

export type ListenerAddress = ReturnType<typeof createListenerAddress>;
