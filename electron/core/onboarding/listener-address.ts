import type { Foundation } from '../foundation';
import type { Reach, RuntimeSetting } from '../../../shared/contract';
import type { Actor } from '../audit/audit-log';
import type { RuntimeConfig } from '../config';
import { hostForUrl, isLoopbackHost, listNetworkAddresses, type InterfaceSource } from './reach/network-addresses';

const KEY = 'onboarding';
const LOOPBACK = '127.0.0.1';
const DEFAULT_PORT = 7420;

export interface ListenerSettings {
  port: number;
  reach: Reach;
}

/** What earlier versions stored: a host, a port and an optional public URL. */
interface LegacySettings {
  host?: string;
  port?: number;
  publicUrl?: string;
}

export interface EffectiveAddress {
  host: RuntimeSetting;
  port: RuntimeSetting;
  publicUrl: RuntimeSetting;
}

/** An earlier version's settings read as the mode they amount to. */
function fromLegacy(s: LegacySettings): Reach {
  const host = s.host ?? LOOPBACK;
  if (s.publicUrl) {
    return { mode: 'proxy', publicUrl: s.publicUrl, trustedProxy: '', listenOn: isLoopbackHost(host) ? '' : host };
  }
  return isLoopbackHost(host) ? { mode: 'local' } : { mode: 'network', address: host };
}

/** One line of a mode, for the audit trail. */
function reachDetail(reach: Reach): string {
  switch (reach.mode) {
    case 'local':
      return LOOPBACK;
    case 'network':
      return reach.address;
    case 'tunnel':
      return reach.path || reach.program;
    case 'proxy':
      return reach.publicUrl;
  }
}

/**
 * Where the onboarding listener listens and what invite URLs start with. Each value comes from
 * the environment (POOLER_ONBOARDING_HOST / _PORT / POOLER_PUBLIC_URL), else from the chosen
 * mode, else the default. The derived public URL follows the port actually bound (port 0 picks
 * one), and in Tunnel mode the address the tunnel reported.
 */
export function createListenerAddress(
  deps: Pick<Foundation, 'store' | 'changes' | 'env'> & {
    runtime: RuntimeConfig;
    interfaces: InterfaceSource | undefined;
  },
) {
  const { store, changes, env, runtime } = deps;
  let boundPort: number | null = null;
  let tunnelUrl: string | null = null;
  let preview: ListenerSettings | null = null;

  async function stored(): Promise<ListenerSettings & { fromSettings: boolean }> {
    if (preview) return { ...preview, fromSettings: true };
    const s = await store.read<Partial<ListenerSettings> & LegacySettings>(KEY);
    if (!s) return { port: DEFAULT_PORT, reach: { mode: 'local' }, fromSettings: false };
    return { port: s.port ?? DEFAULT_PORT, reach: s.reach ?? fromLegacy(s), fromSettings: true };
  }

  const fromEnv = (name: string) => Boolean(env[name]?.trim());

  /** The address the chosen mode listens on, or loopback when that address is not on this machine. */
  function modeHost(reach: Reach): { host: string; missing: string | null } {
    const wanted = reach.mode === 'network' ? reach.address : reach.mode === 'proxy' ? reach.listenOn : '';
    if (!wanted) return { host: LOOPBACK, missing: null };
    const present = listNetworkAddresses(deps.interfaces).some((a) => a.address === wanted);
    return present ? { host: wanted, missing: null } : { host: LOOPBACK, missing: wanted };
  }

  async function effective(): Promise<EffectiveAddress & { reach: Reach; missing: string | null }> {
    const s = await stored();
    const source = s.fromSettings ? 'settings' : 'default';
    const { host: wantedHost, missing } = modeHost(s.reach);
    const host: RuntimeSetting = fromEnv('POOLER_ONBOARDING_HOST')
      ? {
          env: 'POOLER_ONBOARDING_HOST',
          label: 'Onboarding host',
          value: runtime.onboardingHost,
          source: 'environment',
        }
      : { env: 'POOLER_ONBOARDING_HOST', label: 'Onboarding host', value: wantedHost, source };
    const port: RuntimeSetting = fromEnv('POOLER_ONBOARDING_PORT')
      ? {
          env: 'POOLER_ONBOARDING_PORT',
          label: 'Onboarding port',
          value: String(runtime.onboardingPort),
          source: 'environment',
        }
      : { env: 'POOLER_ONBOARDING_PORT', label: 'Onboarding port', value: String(s.port), source };
    const derived = `http://${hostForUrl(host.value)}:${boundPort ?? Number(port.value)}`;
    const chosen =
      s.reach.mode === 'proxy' ? s.reach.publicUrl : s.reach.mode === 'tunnel' && tunnelUrl ? tunnelUrl : null;
    const publicUrl: RuntimeSetting = fromEnv('POOLER_PUBLIC_URL')
      ? { env: 'POOLER_PUBLIC_URL', label: 'Public URL', value: runtime.publicUrl, source: 'environment' }
      : {
          env: 'POOLER_PUBLIC_URL',
          label: 'Public URL',
          value: chosen ?? derived,
          source: chosen ? source : 'default',
        };
    return {
      host,
      port,
      publicUrl: { ...publicUrl, value: publicUrl.value.replace(/\/+$/, '') },
      reach: s.reach,
      missing: fromEnv('POOLER_ONBOARDING_HOST') ? null : missing,
    };
  }

  return {
    effective,
    stored,
    publicUrl: async () => (await effective()).publicUrl.value,
    /** The listener bound (a port number) or stopped (null). */
    bound(port: number | null) {
      boundPort = port;
    },
    /** The running tunnel's public address, or null while it is not up; true if that moved it. */
    tunnel(url: string | null): boolean {
      const moved = url !== tunnelUrl;
      tunnelUrl = url;
      return moved;
    },
    /** Tries settings before saving them: everything reads them until saved or withdrawn (null). */
    preview(settings: ListenerSettings | null) {
      preview = settings;
    },
    /** Stores the operator's choice, audited, and ends any preview; the caller restarts the listener. */
    async save(input: ListenerSettings, actor: Actor): Promise<void> {
      preview = null;
      const before = await stored();
      await changes.write(async (write) => {
        await store.write(KEY, input);
        await write.audit({
          actor,
          action: 'onboarding.reach_changed',
          targetType: 'settings',
          targetId: KEY,
          poolId: null,
          details: {
            from: { mode: before.reach.mode, port: before.port, detail: reachDetail(before.reach) },
            to: { mode: input.reach.mode, port: input.port, detail: reachDetail(input.reach) },
          },
        });
      });
    },
  };
}

export type ListenerAddress = ReturnType<typeof createListenerAddress>;
