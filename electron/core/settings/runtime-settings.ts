import type { RuntimeSetting } from '../../../shared/contract';
import type { ListenerAddress } from '../onboarding/listener-address';

const LISTENER_ENV = new Set(['POOLER_ONBOARDING_HOST', 'POOLER_ONBOARDING_PORT', 'POOLER_PUBLIC_URL']);

/**
 * Settings → System: every runtime value and where it comes from. The onboarding listener's
 * three show what it actually uses (Settings may set them, and a port 0 becomes a real port).
 */
export function runtimeSettings(deps: {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  fromEnvironment: RuntimeSetting[];
  address: ListenerAddress;
}): () => Promise<RuntimeSetting[]> {
  const dataDir: RuntimeSetting = {
    env: 'POOLER_DATA_DIR',
    label: 'Data folder',
    value: deps.dataDir,
    source: deps.env.POOLER_DATA_DIR?.trim() ? 'environment' : 'default',
  };
  return async () => {
    const live = await deps.address.effective();
    const byEnv = new Map([live.host, live.port, live.publicUrl].map((s) => [s.env, s]));
    const settings = deps.fromEnvironment.map((s) => (LISTENER_ENV.has(s.env) ? (byEnv.get(s.env) ?? s) : s));
    return [dataDir, ...settings];
  };
}
