import type { AlertTimings } from './alerts/alerts-service';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RuntimeSetting } from '../../shared/contract';
import { StartupError } from './errors';
import type { OnboardingLimits } from './onboarding/onboarding-limits';
import type { ReachOptions } from './onboarding/onboarding-service';

const APP_NAME = 'Pooler Console';

export interface CoreConfig {
  /** Where the database and logs live. */
  dataDir: string;
  /** Shown in Settings and used by exports. */
  version: string;
  /** Environment to read POOLER_* overrides from (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  /** Clock in Unix milliseconds; tests pin it. */
  now?: () => number;
  /** Parse every handler's output against the contract (tests turn this on). */
  checkOutputs?: boolean;
  /** The built renderer (out/renderer), whose onboarding.html the invite links serve. */
  rendererDir?: string;
  /** The onboarding listener's limits (rate, streams, timeouts); tests make them small. */
  onboardingLimits?: Partial<OnboardingLimits>;
  /** How invitees reach the listener: address source, tunnel timing, check cadence (tests shorten them). */
  reach?: Partial<ReachOptions>;
  /** Every log line to stdout as well as the log file (the server, for its supervisor). */
  logToStdout?: boolean;
  /** Token refreshes and quota reads on schedule (default on; tests drive them by hand). */
  backgroundJobs?: boolean;
  /** How soon alerts look and how long a burst gathers (tests shorten them). */
  alertTimings?: Partial<AlertTimings>;
  /** Servers sharing a PostgreSQL database: how often one tries to take the background jobs over. */
  jobLeaseMs?: number;
}

export interface RuntimeConfig {
  openaiIssuer: string;
  chatgptBaseUrl: string;
  onboardingHost: string;
  onboardingPort: number;
  publicUrl: string;
  keychainService: string;
  /** Where the data key is kept when not in the OS keychain (a server without one); '' for the keychain. */
  dataKeyFile: string;
  /** A team server's PostgreSQL (postgres://…); '' for the data folder's SQLite file. */
  databaseUrl: string;
}

/**
 * Electron's default userData folder for this app, computed without Electron so the browser
 * console and the desktop app share one database by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

function httpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new StartupError('invalid_environment', `${name} must be a URL, got "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new StartupError('invalid_environment', `${name} must be an http(s) URL, got "${value}".`);
  }
  return value.replace(/\/+$/, '');
}

/** A port; 0 means any free port (the public URL then follows the port actually bound). */
function port(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new StartupError('invalid_environment', `${name} must be a port number from 0 to 65535, got "${value}".`);
  }
  return n;
}

interface Definition {
  env: string;
  label: string;
  fallback: (resolved: Partial<RuntimeConfig>) => string;
  /** How Settings shows the value, when not as it is. */
  shown?: (value: string) => string;
}

const DEFINITIONS: Record<keyof RuntimeConfig, Definition> = {
  openaiIssuer: { env: 'POOLER_OPENAI_ISSUER', label: 'OpenAI issuer', fallback: () => 'https://auth.openai.com' },
  chatgptBaseUrl: {
    env: 'POOLER_CHATGPT_BASE_URL',
    label: 'ChatGPT API base',
    fallback: () => 'https://chatgpt.com/backend-api',
  },
  onboardingHost: { env: 'POOLER_ONBOARDING_HOST', label: 'Onboarding host', fallback: () => '127.0.0.1' },
  onboardingPort: { env: 'POOLER_ONBOARDING_PORT', label: 'Onboarding port', fallback: () => '7420' },
  publicUrl: {
    env: 'POOLER_PUBLIC_URL',
    label: 'Public URL',
    fallback: (r) => `http://${r.onboardingHost}:${r.onboardingPort}`,
  },
  keychainService: { env: 'POOLER_KEYCHAIN_SERVICE', label: 'Keychain service', fallback: () => 'pooler-console' },
  dataKeyFile: {
    env: 'POOLER_DATA_KEY_FILE',
    label: 'Data key file',
    fallback: () => '',
    shown: (value) => value || 'none: the key is in the OS keychain',
  },
  databaseUrl: {
    env: 'POOLER_DATABASE_URL',
    label: 'Database',
    fallback: () => '',
    shown: (value) => (value ? withoutPassword(value) : 'the data folder’s SQLite file'),
  },
};

/** A database URL as Settings may show it: never its password. */
function withoutPassword(value: string): string {
  try {
    const url = new URL(value);
    url.password = '';
    return url.toString();
  } catch {
    return 'not a URL (the console will not start with it)';
  }
}

/** Effective runtime configuration plus, for Settings, where each value came from. */
export function resolveRuntime(env: NodeJS.ProcessEnv): { config: RuntimeConfig; settings: RuntimeSetting[] } {
  const config: Partial<RuntimeConfig> = {};
  const settings: RuntimeSetting[] = [];
  for (const key of Object.keys(DEFINITIONS) as (keyof RuntimeConfig)[]) {
    const def = DEFINITIONS[key];
    const fromEnv = env[def.env]?.trim();
    const raw = fromEnv ? fromEnv : def.fallback(config);
    switch (key) {
      case 'onboardingPort':
        config.onboardingPort = port(def.env, raw);
        break;
      case 'openaiIssuer':
      case 'chatgptBaseUrl':
      case 'publicUrl':
        config[key] = httpUrl(def.env, raw);
        break;
      default:
        config[key] = raw;
    }
    settings.push({
      env: def.env,
      label: def.label,
      value: def.shown ? def.shown(String(config[key])) : String(config[key]),
      source: fromEnv ? 'environment' : 'default',
    });
  }
  return { config: config as RuntimeConfig, settings };
}
