/**
 * The two visible pieces of the desktop app, assembled from Electron's classes (passed in by main.ts, so this
 * file never loads runtime `electron`): the members window and the tray's glance pop-over (the page's glance
 * layout, common/window-layout.ts) with their per-window event pump, and the tray whose model follows the core. All behaviour lives in the unit-tested modules they wire together.
 */
import type {
  BrowserWindow as ElectronBrowserWindow,
  Menu as ElectronMenu,
  NativeImage,
  Notification as ElectronNotification,
  Tray as ElectronTray,
  WebContents,
} from 'electron';
import { createEventPump } from '../adapters/ipc.js';
import { createTrayAdapter, trayIconFile } from '../adapters/tray.js';
import { createWindowController } from '../adapters/window.js';
import { withLayout } from '../../../common/window-layout.js';
import { glanceWindowOptions } from '../window-options.js';
import type { BootPaths } from './paths.js';
import { createTellOnce } from './tell-once.js';
import { createTrayActions, type TrayActions, type TrayCore } from './tray-actions.js';

export interface DesktopWindowDeps {
  BrowserWindow: typeof ElectronBrowserWindow;
  Notification: typeof ElectronNotification;
  paths: BootPaths;
  isDark(): boolean;
  trayHost: boolean;
  closeToTray(): boolean;
  isQuitting(): boolean;
  quit(): void;
  log(message: string): void;
}

/** The windows, the pump feeding them, and "show this cluster" for notification clicks and the glance. */
export type DesktopWindow = ReturnType<typeof createDesktopWindow>;

/** Lazily created members window; push events queue per page load until that page invokes app:ready. */
export function createDesktopWindow(deps: DesktopWindowDeps) {
  const pump = createEventPump<WebContents>({
    send: (contents, name, payload) => {
      if (!contents.isDestroyed()) contents.send(name, payload);
    },
  });
  const attach = (win: ElectronBrowserWindow): void => {
    const contents = win.webContents;
    pump.attach(contents);
    contents.on('did-start-loading', () => pump.attach(contents)); // a reload: queue until ready again
    contents.once('destroyed', () => pump.detach(contents));
  };
  const both = {
    BrowserWindow: deps.BrowserWindow,
    preloadPath: deps.paths.preloadPath,
    dark: deps.isDark,
    isQuitting: deps.isQuitting,
    quit: deps.quit,
    onError: deps.log,
  };
  /** The tray's pop-over: worst state, one line per cluster, a way to the full window. */
  const glance = createWindowController({
    ...both,
    entryUrl: withLayout(deps.paths.entryUrl, 'glance'),
    options: glanceWindowOptions,
    trayHost: () => true, // opened from the tray, so the tray is there: closing it never quits
    closeToTray: () => false,
    prepare: (win) => {
      attach(win);
      win.on('blur', () => win.hide()); // a pop-over: gone once the user looks elsewhere
    },
  });
  const windows = createWindowController({
    ...both,
    entryUrl: deps.paths.entryUrl,
    trayHost: () => deps.trayHost,
    closeToTray: deps.closeToTray,
    prepare: attach,
    onHiddenToTray: createTellOnce(deps.paths.configDir, () => {
      const body =
        'It keeps watching your clusters from the tray. Turn off "close to tray" in Settings to change this.';
      new deps.Notification({ title: 'Nomad Tray is still running', body }).show();
    }),
  });
  return {
    windows,
    glance,
    pump,
    /** Shows the window on a cluster, and its member or client node when given (a notification click). */
    focus(
      clusterId: string | null,
      about?: { member?: string | undefined; node?: string | undefined },
    ): void {
      glance.hide();
      windows.show();
      if (clusterId === null) return;
      // what it shows is the window's choice (selection.svelte.ts); an empty name is no target
      pump.publish('focus:changed', {
        clusterId,
        ...(about?.member ? { member: about.member } : {}),
        ...(about?.node ? { node: about.node } : {}),
      });
    },
  };
}

export interface DesktopTrayDeps {
  Tray: typeof ElectronTray;
  Menu: Pick<typeof ElectronMenu, 'buildFromTemplate'>;
  loadImage(file: string): NativeImage;
  core: TrayCore;
  platform: NodeJS.Platform;
  trayIconDir: string;
  openWindow(): void;
  /** A click on the tray icon: the glance pop-over. */
  openGlance(): void;
  quit(): void;
  log(message: string): void;
}

/** The tray icon with its menu, rendered from the core's state; call refresh() on every core event. */
export function createDesktopTray(deps: DesktopTrayDeps): TrayActions {
  const load = (icon: Parameters<typeof trayIconFile>[1]): NativeImage =>
    deps.loadImage(trayIconFile(deps.trayIconDir, icon, deps.platform));
  const tray = new deps.Tray(load('unreachable'));
  const adapter = createTrayAdapter({
    tray,
    buildMenu: (template) => deps.Menu.buildFromTemplate(template),
    loadIcon: load,
    onAction: (id) => void actions.act(id),
  });
  const actions = createTrayActions({
    core: deps.core,
    platform: deps.platform,
    render: (model) => adapter.apply(model),
    openWindow: deps.openWindow,
    quit: deps.quit,
    log: deps.log,
  });
  // A click on the icon opens the glance pop-over; Linux hosts differ, so the menu's first item "Open" opens
  // the full window everywhere.
  tray.on('click', deps.openGlance);
  actions.refresh();
  return actions;
}
