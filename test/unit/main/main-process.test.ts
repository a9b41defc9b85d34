import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_CHANNEL } from '../../../shared/contract';
import { createElectronStub, FakeFrame, FakeWebContents, type ElectronStub } from '../../support/electron-stub';
import { freePort } from '../../support/free-port';
import { makeTempDir } from '../../support/temp-dir';
import { deleteKeychainKey, testKeychainService } from '../../support/test-core';

const dir = makeTempDir('pooler-main');
const keychainService = testKeychainService();
let stub: ElectronStub;

vi.mock('electron', () => stub.electron);

beforeAll(async () => {
  stub = createElectronStub(dir.path);
  vi.stubEnv('POOLER_DATA_DIR', '');
  vi.stubEnv('POOLER_KEYCHAIN_SERVICE', keychainService);
  await import('../../../electron/main/index');
  await vi.waitFor(() => expect(stub.windows).toHaveLength(1));
});

afterAll(async () => {
  const preventDefault = vi.fn();
  stub.appEvents.emit('will-quit', { preventDefault });
  // Quitting waits for the core to close, then quits for real.
  expect(preventDefault).toHaveBeenCalled();
  await vi.waitFor(() => expect(stub.calls).toContain('quit'));
  vi.unstubAllEnvs();
  deleteKeychainKey(keychainService);
  dir.remove();
});

function invoke(channel: string, sender: FakeWebContents, frame: FakeFrame | null, input: unknown = {}) {
  const handler = stub.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ sender, senderFrame: frame }, input) as Promise<{ ok: boolean; error?: { code: string } }>;
}

describe('Electron main process', () => {
  it('binds exactly the contract channels', () => {
    expect([...stub.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('opens one hardened window on app://', () => {
    const [window] = stub.windows;
    const prefs = window!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(String(prefs.preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(window!.loadedUrl).toBe('app://pooler/index.html');
    expect(stub.calls).toContain('enableSandbox');
  });

  it('answers its own window and uses the data folder Electron gives it', async () => {
    const contents = stub.windows[0]!.webContents;
    const result = await invoke('app.status', contents, contents.mainFrame);
    expect(result).toMatchObject({ ok: true, data: { dataDir: dir.path, version: '0.0.0-stub' } });
  });

  it('rejects a foreign sender, a sub-frame and a page that navigated elsewhere', async () => {
    const contents = stub.windows[0]!.webContents;
    const foreign = new FakeWebContents();
    expect(await invoke('pools.list', foreign, foreign.mainFrame)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await invoke('pools.list', contents, new FakeFrame('app://pooler/index.html', contents.mainFrame)),
    ).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(await invoke('pools.list', contents, null)).toMatchObject({ error: { code: 'forbidden' } });
    contents.mainFrame.url = 'https://evil.example/';
    try {
      expect(await invoke('pools.create', contents, contents.mainFrame, { name: 'Evil' })).toMatchObject({
        error: { code: 'forbidden' },
      });
    } finally {
      contents.mainFrame.url = 'app://pooler/index.html';
    }
    const pools = await invoke('pools.list', contents, contents.mainFrame);
    expect(pools).toEqual({ ok: true, data: { pools: [] } });
  });

  it('validates input through the same dispatch as the browser console', async () => {
    const contents = stub.windows[0]!.webContents;
    expect(await invoke('pools.create', contents, contents.mainFrame, { name: '<b>x</b>' })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
  });

  it('pushes core events to the window', async () => {
    const contents = stub.windows[0]!.webContents;
    await invoke('settings.updateAppearance', contents, contents.mainFrame, { theme: 'dark' });
    expect(contents.sent).toContainEqual({
      channel: EVENT_CHANNEL,
      payload: { name: 'settings.changed', payload: {} },
    });
  });

  it('saves an export where the operator chooses, owner-only, or not at all if cancelled', async () => {
    const contents = stub.windows[0]!.webContents;
    const target = join(dir.path, 'chosen.csv');
    stub.saveDialog.result = { canceled: false, filePath: target };
    const saved = await invoke('invites.export', contents, contents.mainFrame, { format: 'csv', filters: {} });
    expect(saved).toEqual({ ok: true, data: { kind: 'saved', fileName: 'chosen.csv', count: 0 } });
    expect(readFileSync(target, 'utf8')).toMatch(/^id,created_at,status,/);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(stub.saveDialog.requests.at(-1)).toMatchObject({
      defaultPath: expect.stringMatching(/^\/home\/ada\/downloads\/pooler-invites-\d{4}-\d\d-\d\d\.csv$/),
    });
    stub.saveDialog.result = { canceled: true, filePath: undefined };
    expect(await invoke('invites.export', contents, contents.mainFrame, { format: 'json', filters: {} })).toEqual({
      ok: true,
      data: { kind: 'cancelled' },
    });
  });

  it('denies navigation, redirects, webviews and new windows; opens only allow-listed https links', () => {
    const contents = stub.windows[0]!.webContents;
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      contents.emit(event, { preventDefault }, 'https://evil.example/');
      expect(preventDefault, event).toHaveBeenCalled();
    }
    const open = (url: string) => contents.windowOpenHandler!({ url });
    expect(open('https://chatgpt.com/')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('http://chatgpt.com/')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(stub.opened).toEqual(['https://chatgpt.com/']);
  });

  it('grants no permission but the clipboard write', async () => {
    expect(await stub.permission.request('clipboard-sanitized-write')).toBe(true);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      expect(await stub.permission.request(permission), permission).toBe(false);
      expect(stub.permission.check(permission), permission).toBe(false);
    }
  });

  it('serves the renderer on a privileged app:// scheme with the CSP, and nothing outside it', async () => {
    expect(stub.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const serve = stub.protocolHandlers.get('app')!;
    const traversal = await serve(new Request('app://pooler/../../../../etc/passwd'));
    expect(traversal.status).toBe(404);
    const encoded = await serve(new Request('app://pooler/%2e%2e/%2e%2e/package.json'));
    expect(encoded.status).toBe(404);
    const otherHost = await serve(new Request('app://elsewhere/index.html'));
    expect(otherHost.status).toBe(404);
  });

  it('answers the window through its team door: its own store until Settings connects, and a server it cannot reach says so', async () => {
    const contents = stub.windows[0]!.webContents;
    expect(await invoke('team.status', contents, contents.mainFrame)).toEqual({ ok: true, data: { state: 'local' } });
    const port = await freePort();
    const refused = await invoke('team.connect', contents, contents.mainFrame, {
      url: `http://127.0.0.1:${port}`,
      email: 'ada@example.com',
      password: 'correct horse battery staple',
      code: '123456',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'server_unreachable' } });
    expect(await invoke('team.status', contents, contents.mainFrame)).toEqual({ ok: true, data: { state: 'local' } });
    expect(contents.sent.filter((s) => (s.payload as { name?: string }).name === 'team.changed')).toEqual([]);
  });
});
