import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOnboardingPage } from '../../../../electron/core/onboarding/onboarding-page';
import { invitePageFiles } from '../../../../shared/onboarding/page-files';
import { RENDERER_DIR } from '../../../support/onboarding-harness';
import { makeTempDir } from '../../../support/temp-dir';

const built = readFileSync(join(RENDERER_DIR, 'onboarding.html'), 'utf8');
const dir = makeTempDir('pooler-invite-page');
afterEach(() => dir.remove());

/** A copy of the built invite page whose compressed files are ours: the server must send exactly these. */
function copyOfTheBuild(): string[] {
  mkdirSync(join(dir.path, 'assets'), { recursive: true });
  writeFileSync(join(dir.path, 'onboarding.html'), built);
  const names = invitePageFiles(built);
  for (const name of names) {
    const body = readFileSync(join(RENDERER_DIR, 'assets', name));
    writeFileSync(join(dir.path, 'assets', name), body);
    // Quality 1 and level 1: bytes a start compressing the file itself would not produce.
    writeFileSync(
      join(dir.path, 'assets', `${name}.br`),
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }),
    );
    writeFileSync(join(dir.path, 'assets', `${name}.gz`), gzipSync(body, { level: 1 }));
  }
  return names;
}

describe('the invite page’s files', () => {
  it('are compressed by the build: beside each file the page references, its Brotli and gzip copies', () => {
    const names = invitePageFiles(built);
    expect(names.length).toBeGreaterThanOrEqual(3);
    const assets = readdirSync(join(RENDERER_DIR, 'assets'));
    for (const name of names) {
      const body = readFileSync(join(RENDERER_DIR, 'assets', name));
      expect(brotliDecompressSync(readFileSync(join(RENDERER_DIR, 'assets', `${name}.br`)))).toEqual(body);
      expect(gunzipSync(readFileSync(join(RENDERER_DIR, 'assets', `${name}.gz`)))).toEqual(body);
    }
    // The console's own files are not: it is served on loopback or from disk.
    expect(assets.filter((file) => /\.(br|gz)$/.test(file)).sort()).toEqual(
      names.flatMap((name) => [`${name}.br`, `${name}.gz`]).sort(),
    );
  });

  it('are sent as the build compressed them: a start compresses nothing', async () => {
    const names = copyOfTheBuild();
    const page = await loadOnboardingPage(dir.path);
    expect([...page.assets.keys()].sort()).toEqual([...names].sort());
    for (const name of names) {
      const asset = page.assets.get(name)!;
      expect(asset.identity).toEqual(readFileSync(join(dir.path, 'assets', name)));
      expect(asset.br).toEqual(readFileSync(join(dir.path, 'assets', `${name}.br`)));
      expect(asset.gzip).toEqual(readFileSync(join(dir.path, 'assets', `${name}.gz`)));
    }
  });

  it('are not served from a build without the compressed copies: the listener does not start', async () => {
    const [first] = copyOfTheBuild();
    rmSync(join(dir.path, 'assets', `${first}.br`));
    await expect(loadOnboardingPage(dir.path)).rejects.toMatchObject({ code: 'ENOENT' });
    copyFileSync(join(RENDERER_DIR, 'assets', `${first}.br`), join(dir.path, 'assets', `${first}.br`));
    await expect(loadOnboardingPage(dir.path)).resolves.toBeDefined();
  });
});
