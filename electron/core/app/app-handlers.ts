import type { Backups } from '../db/backups';
import type { HandlersOf } from '../rpc/dispatch';
import type { Secrets } from '../secrets/secrets';

export function appHandlers(deps: {
  version: string;
  dataDir: string;
  secrets: Secrets;
  backups: Backups | null;
}): HandlersOf<'app'> {
  const { version, dataDir, secrets, backups } = deps;
  return {
    'app.status': () => {
      const kept = backups?.list() ?? [];
      return {
        version,
        dataDir,
        keychain: secrets.status(),
        backups: backups && { folder: backups.dir, count: kept.length, newestAt: kept[0]?.createdAt ?? null },
      };
    },
  };
}
