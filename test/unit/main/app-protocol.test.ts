import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveAppFile, serveAppRequest } from '../../../electron/main/app-protocol';
import { RENDERER_CSP } from '../../../electron/core/security/renderer-csp';
import { makeTempDir } from '../../support/temp-dir';

const dir = makeTempDir('pooler-renderer');
const rendererDir = join(dir.path, 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(dir.path, 'secret.txt'), 'outside');
afterAll(() => dir.remove());

describe('app:// protocol', () => {
  it('serves the renderer with its type and the CSP', async () => {
    const page = await serveAppRequest(rendererDir, new Request('app://pooler/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(await page.text()).toContain('<title>x</title>');
    const script = await serveAppRequest(rendererDir, new Request('app://pooler/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const root = await serveAppRequest(rendererDir, new Request('app://pooler/'));
    expect(root.status).toBe(200);
  });

  const HOSTILE = [
    'app://pooler/../secret.txt',
    'app://pooler/%2e%2e/secret.txt',
    'app://pooler/assets/%2e%2e/%2e%2e/secret.txt',
    'app://pooler/..%2fsecret.txt',
    'app://pooler/assets/..%2f..%2fsecret.txt',
    'app://pooler/%252e%252e/secret.txt',
  ];

  it('never resolves a path outside the renderer folder', () => {
    expect(resolveAppFile(rendererDir, 'app://pooler/assets/app.js')).toBe(join(rendererDir, 'assets', 'app.js'));
    for (const url of HOSTILE) {
      const file = resolveAppFile(rendererDir, url);
      if (file !== null) expect(file.startsWith(rendererDir + sep), url).toBe(true);
    }
    for (const url of ['app://other/index.html', 'https://pooler/index.html', 'not a url']) {
      expect(resolveAppFile(rendererDir, url), url).toBeNull();
    }
  });

  it('never serves a file from outside the renderer folder', async () => {
    for (const url of HOSTILE) {
      const response = await serveAppRequest(rendererDir, new Request(url));
      expect(await response.text(), url).not.toBe('outside');
    }
  });

  it('answers 404 for missing files', async () => {
    expect((await serveAppRequest(rendererDir, new Request('app://pooler/nope.js'))).status).toBe(404);
    expect((await serveAppRequest(rendererDir, new Request('app://pooler/%2e%2e/secret.txt'))).status).toBe(404);
  });
});
