/**
 * The members window: created lazily (first "Open", a notification click, a second launch, or at start when there
 * is no tray), built from mainWindowOptions (hardened webPreferences), loaded from app://renderer/index.html, shown
 * on `ready-to-show`. What the close button does is a pure decision (closeAction), tested on its own.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { mainWindowOptions, type MainWindowInput } from '../window-options.js';

export interface CloseState {
  /** The app is quitting (tray "Quit", OS logout): let the window go. */
  quitting: boolean;
  /** A tray icon is shown, so the window can be reopened from it. */
  trayHost: boolean;
  /** Setting `global.closeToTray`. */
  closeToTray: boolean;
}

/**
 * Decides the close button: while quitting, close; without a tray host (root/tray-host.ts), quit: nothing could
 * bring the window back, and no invisible process is left behind (README). With one, hide to the tray when
 * closeToTray is on (instant reopen), else close (the app keeps running in the tray and recreates the window on
 * "Open").
 */
export function closeAction(s: CloseState): 'close' | 'hide' | 'quit' {
  if (s.quitting) return 'close';
  if (!s.trayHost) return 'quit';
  return s.closeToTray ? 'hide' : 'close';
}

export type BrowserWindowLike = Pick<
  BrowserWindow,
  'show' | 'hide' | 'focus' | 'restore' | 'isMinimized' | 'isDestroyed' | 'isVisible' | 'loadURL'
> & {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
};

/** Injected pieces of the window controller (W: Electron's BrowserWindow, or a fake in tests). */
export interface WindowControllerDeps<W extends BrowserWindowLike> {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  preloadPath: string;
  /** app://renderer/index.html, or the dev server URL in development (with ?layout=glance for the glance). */
  entryUrl: string;
  /** The window's constructor options (default: mainWindowOptions, the members window). */
  options?: (input: MainWindowInput) => BrowserWindowConstructorOptions;
  dark(): boolean;
  trayHost(): boolean;
  closeToTray(): boolean;
  isQuitting(): boolean;
  quit(): void;
  /** Runs once per new window before loading (event pump attach). */
  prepare?(win: W): void;
  /** The window went to the tray (the caller tells the user once). */
  onHiddenToTray?(): void;
  /** A load failure (never thrown into Electron's event loop). */
  onError?(message: string): void;
}

/** Opens, focuses and hides one window (the members window, or the tray's glance); none exists until show(). */
export function createWindowController<W extends BrowserWindowLike>(deps: WindowControllerDeps<W>) {
  let win: W | null = null;
  let ready = false;

  const create = (): W => {
    const options = deps.options ?? mainWindowOptions;
    const created = new deps.BrowserWindow(options({ preloadPath: deps.preloadPath, dark: deps.dark() }));
    ready = false;
    created.once('ready-to-show', () => {
      ready = true;
      created.show();
      created.focus();
    });
    created.on('close', (event) => {
      const action = closeAction({
        quitting: deps.isQuitting(),
        trayHost: deps.trayHost(),
        closeToTray: deps.closeToTray(),
      });
      if (action === 'hide') {
        event.preventDefault();
        created.hide();
        deps.onHiddenToTray?.();
      } else if (action === 'quit') {
        deps.quit();
      }
    });
    created.on('closed', () => {
      if (win === created) win = null;
    });
    deps.prepare?.(created);
    created.loadURL(deps.entryUrl).catch((e: unknown) => {
      deps.onError?.(`could not load the window: ${e instanceof Error ? e.message : String(e)}`);
    });
    return created;
  };

  return {
    /** Creates the window if needed, then shows and focuses it (restoring a minimised one). */
    show(): void {
      if (win === null || win.isDestroyed()) {
        win = create();
        return; // shown on ready-to-show
      }
      if (!ready) return;
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
    /** Hides the window if it is open (the glance, once the full window opens). */
    hide(): void {
      if (win !== null && !win.isDestroyed()) win.hide();
    },
  };
}
