import { describe, expect, it } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { closeAction, createWindowController } from '../../main/shell/adapters/window.js';
import type { BrowserWindowLike } from '../../main/shell/adapters/window.js';
import { APP_ENTRY_URL } from '../../main/core/web/index.js';
import { detectTrayHost } from '../../main/shell/root/tray-host.js';

// Compile-time proof that Electron's BrowserWindow fits the controller's port.
const _fits = (w: BrowserWindow): BrowserWindowLike => w;

/** A fake BrowserWindow: records calls, lets the test fire ready-to-show and close like Electron would. */
class FakeWindow {
  static created: FakeWindow[] = [];
  calls: string[] = [];
  loaded: string[] = [];
  destroyed = false;
  minimized = false;
  private closeListeners: ((e: { preventDefault(): void }) => void)[] = [];
  private closedListeners: (() => void)[] = [];
  private ready: (() => void) | null = null;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeWindow.created.push(this);
  }
  show = () => void this.calls.push('show');
  hide = () => void this.calls.push('hide');
  focus = () => void this.calls.push('focus');
  restore = () => void this.calls.push('restore');
  isMinimized = () => this.minimized;
  isDestroyed = () => this.destroyed;
  isVisible = () => this.calls.at(-1) !== 'hide';
  loadURL = async (url: string) => void this.loaded.push(url);
  on(event: string, listener: never): this {
    if (event === 'close') this.closeListeners.push(listener);
    if (event === 'closed') this.closedListeners.push(listener);
    return this;
  }
  once(event: string, listener: () => void): this {
    if (event === 'ready-to-show') this.ready = listener;
    return this;
  }
  fireReady() {
    this.ready?.();
  }
  /** The user clicks the close button; returns whether the close went through. */
  userClose(): boolean {
    let prevented = false;
    for (const l of this.closeListeners) l({ preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      for (const l of this.closedListeners) l();
    }
    return !prevented;
  }
}

function setup(opts: { trayHost: boolean; closeToTray?: boolean }) {
  FakeWindow.created = [];
  const events: string[] = [];
  const prepared: FakeWindow[] = [];
  const controller = createWindowController({
    BrowserWindow: FakeWindow,
    preloadPath: '/app/out/preload/index.cjs',
    entryUrl: APP_ENTRY_URL,
    dark: () => true,
    trayHost: () => opts.trayHost,
    closeToTray: () => opts.closeToTray ?? true,
    isQuitting: () => false,
    quit: () => events.push('quit'),
    prepare: (win) => prepared.push(win),
    onHiddenToTray: () => events.push('told'),
  });
  return { controller, events, prepared };
}

describe('closeAction', () => {
  it('decides the close button from quitting, tray host and closeToTray', () => {
    expect(closeAction({ quitting: true, trayHost: false, closeToTray: true })).toBe('close');
    expect(closeAction({ quitting: false, trayHost: false, closeToTray: true })).toBe('quit');
    expect(closeAction({ quitting: false, trayHost: true, closeToTray: true })).toBe('hide');
    expect(closeAction({ quitting: false, trayHost: true, closeToTray: false })).toBe('close');
  });
});

describe('window controller', () => {
  it('creates nothing until shown, then one hardened window loading app://, shown on ready-to-show', () => {
    const { controller, prepared } = setup({ trayHost: true });
    expect(FakeWindow.created).toHaveLength(0);
    controller.show();
    controller.show(); // before ready-to-show: no second window, no early show
    expect(FakeWindow.created).toHaveLength(1);
    const win = FakeWindow.created[0]!;
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(win.options.show).toBe(false);
    expect(win.loaded).toEqual([APP_ENTRY_URL]);
    expect(prepared).toEqual([win]);
    expect(win.calls).toEqual([]);
    win.fireReady();
    expect(win.calls).toEqual(['show', 'focus']);
  });

  it('with a tray host, close hides to the tray (and tells the caller), and Open shows the same window', () => {
    const { controller, events } = setup({ trayHost: true });
    controller.show();
    const win = FakeWindow.created[0]!;
    win.fireReady();
    expect(win.userClose()).toBe(false);
    expect(win.calls.at(-1)).toBe('hide');
    expect(events).toEqual(['told']);
    win.minimized = true;
    controller.show();
    expect(FakeWindow.created).toHaveLength(1);
    expect(win.calls.slice(-3)).toEqual(['restore', 'show', 'focus']);
  });

  it('without a tray host, close does not hide: the app quits instead of running invisibly', () => {
    const { controller, events } = setup({ trayHost: false });
    controller.show();
    const win = FakeWindow.created[0]!;
    win.fireReady();
    expect(win.userClose()).toBe(true);
    expect(win.calls).not.toContain('hide');
    expect(events).toEqual(['quit']);
  });

  it('with closeToTray off, close destroys the window and the next Open creates a new one', () => {
    const { controller, events } = setup({ trayHost: true, closeToTray: false });
    controller.show();
    FakeWindow.created[0]!.fireReady();
    expect(FakeWindow.created[0]!.userClose()).toBe(true);
    expect(events).toEqual([]);
    controller.show();
    expect(FakeWindow.created).toHaveLength(2);
  });
});

describe('detectTrayHost', () => {
  const reply = (owner: boolean) =>
    `method return time=1 sender=org.freedesktop.DBus -> destination=:1.5 serial=3 reply_serial=2\n   boolean ${owner}\n`;

  it('has a tray on macOS and Windows, and never when NOMAD_TRAY_NO_TRAY=1', async () => {
    expect(await detectTrayHost({ platform: 'darwin', env: {} })).toBe(true);
    expect(await detectTrayHost({ platform: 'win32', env: {} })).toBe(true);
    expect(await detectTrayHost({ platform: 'darwin', env: { NOMAD_TRAY_NO_TRAY: '1' } })).toBe(false);
  });

  it('on Linux asks D-Bus whether org.kde.StatusNotifierWatcher has an owner', async () => {
    const asked: string[][] = [];
    const run = async (file: string, args: readonly string[]) => {
      asked.push([file, ...args]);
      return reply(true);
    };
    expect(await detectTrayHost({ platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'GNOME' }, run })).toBe(
      true,
    );
    expect(asked[0]).toContain('string:org.kde.StatusNotifierWatcher');
    expect(await detectTrayHost({ platform: 'linux', env: {}, run: async () => reply(false) })).toBe(false);
  });

  it('without an answer from D-Bus, plain GNOME has no tray and other desktops are assumed to', async () => {
    const run = async () => null;
    expect(
      await detectTrayHost({ platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }, run }),
    ).toBe(false);
    expect(await detectTrayHost({ platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'KDE' }, run })).toBe(true);
  });
});
