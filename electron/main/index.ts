import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, session, shell, Tray } from 'electron';
import { createCore, StartupError, type Core } from '../core';
import { teamConnectionStore } from '../core/team/team-sign-in';
import { notifyAlerts } from './alert-notifications';
import { appMenuTemplate } from './app-menu';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol';
import { bindContract, forwardEvents, isTrustedSender } from './ipc-bridge';
import { applyPermissionPolicy } from './permissions';
import { deliverWithSaveDialog } from './save-file';
import { createTrayKeeper } from './tray';
import { createTeamDoor } from './team-door';
import { guardWebContents } from './web-contents-guard';
import { mainWindowOptions } from './window-options';

const rendererDir = join(import.meta.dirname, '../renderer');
const preloadPath = join(import.meta.dirname, '../preload/index.cjs');

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

let core: Core | null = null;
/** The window's way in: this machine's core, or the team server Settings connected it to. */
let door: ReturnType<typeof createTeamDoor> | null = null;
let mainWindow: BrowserWindow | null = null;
let trayKeeper: ReturnType<typeof createTrayKeeper> | null = null;

/** The window, opened (or brought forward) at an in-app link such as `/upstreams?account=…`. */
function showAt(current: Core, link?: string) {
  if (!mainWindow) return openWindow(current, link);
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
  if (link) void mainWindow.webContents.executeJavaScript(`location.hash = ${JSON.stringify(`#${link}`)}`);
}

function openWindow(current: Core, link = '/') {
  trayKeeper?.windowOpened();
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  mainWindow = window;
  const stopForwarding = forwardEvents(door ?? current, window.webContents);
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    stopForwarding();
    mainWindow = null;
  });
  void window.loadURL(link === '/' ? APP_ENTRY_URL : `${APP_ENTRY_URL}#${link}`);
}

async function start() {
  const dataDir = process.env.POOLER_DATA_DIR?.trim() || app.getPath('userData');
  try {
    core = await createCore({ dataDir, version: app.getVersion(), rendererDir });
  } catch (err) {
    const message = err instanceof StartupError ? err.message : String(err);
    dialog.showErrorBox('Pooler Console could not start', message);
    app.exit(1);
    return;
  }
  const current = core;
  door = createTeamDoor({ core: current, store: teamConnectionStore(current.runtime.keychainService) });
  const issuer = new URL(current.runtime.openaiIssuer).origin;
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, (url) => shell.openExternal(url), [issuer]),
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform, app.isPackaged)));
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
  applyPermissionPolicy(session.defaultSession);
  const saveDialog = deliverWithSaveDialog(dialog, app.getPath('downloads'), () => mainWindow);
  bindContract(ipcMain, door.dispatch, (event) => isTrustedSender(event, mainWindow), saveDialog);
  trayKeeper = createTrayKeeper({
    core: current,
    Tray,
    Menu,
    Notification,
    icon: join(app.getAppPath(), 'resources', 'icon.png'),
    openWindow: (link) => showAt(current, link),
    quit: () => app.quit(),
  });
  openWindow(current);
  // Alerts come from the store in use: a team server's, for the Pools this operator sees.
  notifyAlerts(door, Notification, (link) => showAt(current, link));
  void current.onboarding.start();
  app.on('activate', () => {
    if (!mainWindow) openWindow(current);
  });
}

// One console per data folder: a second launch focuses the first window instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    // Running in the tray with no window: a second launch brings the window back.
    if (!mainWindow && core) openWindow(core);
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  // Active invite links work only while the console runs: then it stays in the tray.
  app.on('window-all-closed', () => {
    void (trayKeeper?.windowClosed() ?? Promise.resolve('quit')).then((next) => {
      if (next === 'quit' && process.platform !== 'darwin') app.quit();
    });
  });
  // Stop the onboarding listener and close the database before leaving.
  let quitting = false;
  app.on('will-quit', (event) => {
    if (!core || quitting) return;
    quitting = true;
    event.preventDefault();
    door?.close();
    void core.close().finally(() => app.quit());
  });
  void app.whenReady().then(start);
}
