import type { HandlersOf } from '../rpc/dispatch';
import type { Secrets } from '../secrets/secrets';

export function appHandlers(deps: { version: string; dataDir: string; secrets: Secrets }): HandlersOf<'app'> {
  const { version, dataDir, secrets } = deps;
  return {
    'app.status': () => ({ version, dataDir, keychain: secrets.status() }),
  };
}
