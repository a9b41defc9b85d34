import { EventEmitter } from 'node:events';

/**
 * A stand-in for the `electron` module, recording what the main process asks of it, so the real
 * electron/main code can be loaded and inspected in plain Node.
 */
export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame = new FakeFrame('app://pooler/index.html');
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export function createElectronStub(userData: string) {
  const appEvents = new EventEmitter();
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  const windows: FakeBrowserWindow[] = [];
  const opened: string[] = [];
  let permissionRequest: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | null = null;
  let permissionCheck: ((wc: unknown, permission: string) => boolean) | null = null;
  const schemes: unknown[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const calls: string[] = [];
  /** What the next save dialog answers; tests set it. */
  const saveDialog = {
    result: { canceled: true, filePath: undefined as string | undefined },
    requests: [] as unknown[],
  };

  class FakeBrowserWindow extends EventEmitter {
    webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    constructor(public options: Record<string, unknown>) {
      super();
      windows.push(this);
      appEvents.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }

  const notifications: { title?: string; body?: string }[] = [];
  /** The same notifications, each with a way to click it. */
  const shown: { title?: string; body?: string; click(): void }[] = [];
  class FakeNotification {
    static isSupported = () => true;
    private readonly clicks: (() => void)[] = [];
    constructor(private readonly options: { title?: string; body?: string }) {}
    on(event: string, listener: () => void) {
      if (event === 'click') this.clicks.push(listener);
    }
    show() {
      notifications.push(this.options);
      shown.push({ ...this.options, click: () => this.clicks.forEach((c) => c()) });
    }
  }

  class FakeTray {
    constructor(readonly icon: string) {
      calls.push('tray');
    }
    setToolTip() {}
    setTitle() {}
    setContextMenu() {}
    on() {}
    destroy() {
      calls.push('tray:destroy');
    }
  }

  const electron = {
    Notification: FakeNotification,
    Tray: FakeTray,
    app: {
      on: (event: string, listener: (...args: unknown[]) => void) => appEvents.on(event, listener),
      whenReady: () => Promise.resolve(),
      requestSingleInstanceLock: () => true,
      enableSandbox: () => calls.push('enableSandbox'),
      getPath: (name: string) => (name === 'userData' ? userData : `/home/ada/${name}`),
      getVersion: () => '0.0.0-stub',
      getAppPath: () => '/app',
      isPackaged: false,
      quit: () => calls.push('quit'),
      exit: (code: number) => calls.push(`exit:${code}`),
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, input: unknown) => unknown) => handlers.set(channel, handler),
    },
    protocol: {
      registerSchemesAsPrivileged: (list: unknown[]) => schemes.push(...list),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof permissionRequest) => (permissionRequest = h),
        setPermissionCheckHandler: (h: typeof permissionCheck) => (permissionCheck = h),
      },
    },
    shell: { openExternal: (url: string) => opened.push(url) },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: () => calls.push('setApplicationMenu'),
    },
    dialog: {
      showErrorBox: (title: string, body: string) => calls.push(`error:${title}:${body}`),
      showSaveDialog: (...args: unknown[]) => {
        saveDialog.requests.push(args.at(-1));
        return Promise.resolve(saveDialog.result);
      },
    },
  };

  return {
    electron,
    appEvents,
    handlers,
    windows,
    opened,
    schemes,
    protocolHandlers,
    calls,
    notifications,
    shown,
    saveDialog,
    permission: {
      request: (permission: string) => new Promise<boolean>((resolve) => permissionRequest?.({}, permission, resolve)),
      check: (permission: string) => permissionCheck?.({}, permission),
    },
  };
}

export type ElectronStub = ReturnType<typeof createElectronStub>;
