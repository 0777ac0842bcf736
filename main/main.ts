/**
 * Composition root of the desktop app, read top to bottom as the boot checklist. The only file (with the preload)
 * that imports runtime `electron`; every decision lives in an injected, unit-tested module under main/shell/.
 */
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import { err, ok } from '../common/result.js';
import { createAppCore } from './app/index.js';
import { acquireInstanceLock, describeError } from './core/settings/index.js';
import { APP_ID } from './shell/app-identity.js';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './shell/adapters/app-protocol.js';
import { registerIpc, trustedFrame } from './shell/adapters/ipc.js';
import { watchPower } from './shell/adapters/power.js';
import { createAutostart, HIDDEN_ARG } from './shell/autostart.js';
import { openSecretStore } from './shell/secrets.js';
import { hardenAllWebContents, hardenSession } from './shell/security.js';
import { createDesktopTray, createDesktopWindow, type DesktopWindow } from './shell/root/desktop-ui.js';
import type { Notice } from './core/notify/index.js';
import { buildNotifier } from './shell/root/notifier.js';
import { bootPaths } from './shell/root/paths.js';
import { readCloseToTray } from './shell/root/settings-bridge.js';
import { detectTrayHost } from './shell/root/tray-host.js';
import { keepSecretsFromChildren } from './core/redact/index.js';

// The app keeps its own copy; child processes (notifier helpers, Chromium's) inherit no secrets.
const env = keepSecretsFromChildren(process.env);
const log = (message: string): void => console.error(`[nomad-tray] ${message}`);
const e2e = env['NOMAD_TRAY_E2E'] === '1'; // the Playwright suite's hook (shell/root/e2e-hook.ts)

// 1. Test override of userData (before the single-instance lock, which is scoped to it).
if (env['NOMAD_TRAY_USER_DATA']) app.setPath('userData', env['NOMAD_TRAY_USER_DATA']);
// 2. One instance only: a second launch focuses the first one's window (see `second-instance` below).
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // 3. Windows toasts need the AppUserModelID of the Start-menu shortcut (= electron-builder appId).
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  // 4. app:// must be privileged before `ready`.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      const message = describeError(e);
      log(`startup failed: ${message}`);
      dialog.showErrorBox('Nomad Tray could not start', message);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  const platform = process.platform;
  const paths = bootPaths({
    env,
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    userData: app.getPath('userData'),
    mainDir: fileURLToPath(new URL('.', import.meta.url)),
  });
  // 5. One instance per config directory, also across browser mode (the Electron lock above is per userData).
  const locked = await acquireInstanceLock({ dir: paths.configDir, mode: 'electron', now: Date.now() });
  if (!locked.ok) {
    log(locked.error);
    dialog.showErrorBox('Nomad Tray is already running', locked.error);
    app.exit(1);
    return;
  }
  if (locked.value.warning !== undefined) log(locked.value.warning);
  const instanceLock = locked.value.lock;
  // 5b. Security: deny permissions, lock navigation/new windows everywhere (the UI is served from app://, step 6).
  hardenSession(session.defaultSession);
  // Reviewed: only URLs that passed isAllowedExternalUrl (common/external-url.ts) get here.
  const openExternal = (url: string): Promise<void> => shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
  hardenAllWebContents(app, { appOrigin: paths.appOrigin, openExternal, onError: log });

  // 6. The app core: settings, tokens (safeStorage), notifications, autostart.
  const notices: Notice[] = [];
  const secrets = await openSecretStore({ dir: paths.configDir, safeStorage, platform });
  for (const problem of secrets.problems) log(`secrets: ${problem}`);
  let focus: DesktopWindow['focus'] = () => undefined; // the window, once it exists (step 7)
  const core = await createAppCore({
    configDir: paths.configDir,
    env,
    secrets,
    notifier: buildNotifier({
      platform,
      Notification,
      iconDir: paths.notifyIconDir,
      onClick: (n) => focus(n.clusterId, n),
      log,
      ...(e2e ? { record: (n: Notice) => void notices.push(n) } : {}),
    }),
    mode: 'electron',
    platform,
    version: app.getVersion(),
    openExternal: (url) =>
      openExternal(url).then(
        () => ok(undefined),
        (e: unknown) => err(describeError(e)),
      ),
    openWindow: (clusterId) => focus(clusterId),
    autostart: createAutostart({
      platform,
      home: app.getPath('home'),
      env,
      execPath: process.execPath,
      loginItems: app,
    }),
    log,
  });
  // The window's pages, each with its first screen drawn from the core's answers.
  registerAppProtocol(protocol, paths.rendererDir, (channel, request) => core.dispatch(channel, request));

  // 7. Window (lazy) + push events held until each page says app:ready; the tray follows the core.
  const trayHost = await detectTrayHost({ platform, env });
  let quitting = false;
  let closeToTray = await readCloseToTray(core);
  const ui = createDesktopWindow({
    BrowserWindow,
    Notification,
    paths,
    isDark: () => nativeTheme.shouldUseDarkColors,
    trayHost,
    closeToTray: () => closeToTray,
    isQuitting: () => quitting,
    quit: () => app.quit(),
    log,
  });
  focus = ui.focus;
  // 8. Tray: model recomputed from the core on every change (tray-model.ts), rendered by adapters/tray.ts.
  const tray = createDesktopTray({
    Tray,
    Menu,
    loadImage: (file) => nativeImage.createFromPath(file),
    core,
    platform,
    trayIconDir: paths.trayIconDir,
    openWindow: () => ui.windows.show(),
    openGlance: () => ui.glance.show(),
    quit: () => app.quit(),
    log,
  });
  core.onEvent((name, payload) => {
    ui.pump.publish(name, payload);
    if (name === 'app:heartbeat' || name === 'notifications:decided') return; // the tray shows state only
    tray.refresh();
    if (name === 'settings:changed') void readCloseToTray(core).then((on) => (closeToTray = on));
  });

  // 9. IPC, power, second launch, quit.
  registerIpc({
    ipcMain,
    core,
    isTrustedSender: trustedFrame([paths.appOrigin]),
    onReady: ui.pump.ready,
    log,
  });
  const stopPower = watchPower({ powerMonitor, core, isOnline: () => net.isOnline() });
  app.on('second-instance', () => ui.windows.show());
  app.on('window-all-closed', () => undefined); // stay in the tray (without one, closeAction already quit)
  let stopped = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped) return;
    event.preventDefault(); // stop pollers and flush history first, then quit for real
    stopped = true;
    stopPower();
    void core
      .stop()
      .then(() => instanceLock?.release())
      .finally(() => app.quit());
  });

  // 10. Test hook; then the window, unless this is a login start into a working tray.
  if (e2e) {
    globalThis.__nomadTrayE2E = {
      trayModel: tray.model,
      notifications: notices,
      action: tray.act,
      clickTray: () => ui.glance.show(),
      trayHost,
    };
  }
  const loginStart =
    process.argv.includes(HIDDEN_ARG) ||
    (platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (!trayHost || !loginStart) ui.windows.show();
}
