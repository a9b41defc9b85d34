import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveRuntime } from '../../../electron/core/config';
import { StartupError } from '../../../electron/core/errors';

describe('runtime configuration', () => {
  it('uses the SPEC defaults when the environment is silent', () => {
    const { config, settings } = resolveRuntime({});
    expect(config).toEqual({
      openaiIssuer: 'https://auth.openai.com',
      chatgptBaseUrl: 'https://chatgpt.com/backend-api',
      onboardingHost: '127.0.0.1',
      onboardingPort: 7420,
      publicUrl: 'http://127.0.0.1:7420',
      keychainService: 'pooler-console',
      dataKeyFile: '',
      databaseUrl: '',
    });
    expect(settings.every((s) => s.source === 'default')).toBe(true);
    expect(settings.find((s) => s.env === 'POOLER_DATABASE_URL')?.value).toBe('the data folder’s SQLite file');
    // Settings says where the key is when no key file is named.
    expect(settings.find((s) => s.env === 'POOLER_DATA_KEY_FILE')?.value).toBe('none: the key is in the OS keychain');
  });

  it('lets the environment override each value and says so', () => {
    const { config, settings } = resolveRuntime({
      POOLER_OPENAI_ISSUER: 'http://127.0.0.1:9000/',
      POOLER_ONBOARDING_HOST: '0.0.0.0',
      POOLER_ONBOARDING_PORT: '8443',
      POOLER_KEYCHAIN_SERVICE: 'pooler-staging',
    });
    expect(config.openaiIssuer).toBe('http://127.0.0.1:9000');
    expect(config.onboardingPort).toBe(8443);
    expect(config.publicUrl).toBe('http://0.0.0.0:8443');
    expect(config.keychainService).toBe('pooler-staging');
    const bySource = Object.fromEntries(settings.map((s) => [s.env, s.source]));
    expect(bySource.POOLER_OPENAI_ISSUER).toBe('environment');
    expect(bySource.POOLER_PUBLIC_URL).toBe('default');
  });

  it('shows a PostgreSQL URL in Settings without its password', () => {
    const { config, settings } = resolveRuntime({
      POOLER_DATABASE_URL: 'postgres://pooler:s3cret@db.internal:5432/pooler',
    });
    expect(config.databaseUrl).toBe('postgres://pooler:s3cret@db.internal:5432/pooler');
    const shown = settings.find((s) => s.env === 'POOLER_DATABASE_URL');
    expect(shown).toMatchObject({ value: 'postgres://pooler@db.internal:5432/pooler', source: 'environment' });
    expect(JSON.stringify(settings)).not.toContain('s3cret');
  });

  it.each([
    [{ POOLER_ONBOARDING_PORT: 'http' }, /POOLER_ONBOARDING_PORT must be a port/],
    [{ POOLER_ONBOARDING_PORT: '70000' }, /POOLER_ONBOARDING_PORT must be a port/],
    [{ POOLER_OPENAI_ISSUER: 'not a url' }, /POOLER_OPENAI_ISSUER must be a URL/],
    [{ POOLER_PUBLIC_URL: 'ftp://example.com' }, /POOLER_PUBLIC_URL must be an http\(s\) URL/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => resolveRuntime(env)).toThrow(StartupError);
    expect(() => resolveRuntime(env)).toThrow(message);
  });

  it("computes Electron's userData folder for each platform", () => {
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Pooler Console'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(join('/x', 'Pooler Console'));
    expect(defaultDataDir({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Pooler Console'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\ada\\AppData\\Roaming', 'Pooler Console'),
    );
  });
});
