/**
 * The members window's constructor options, side-effect free so the exact security settings are unit-tested
 * (Electron security checklist items 2–4, 6, 8, 9, 11: electronjs.org/docs/latest/tutorial/security).
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { GLANCE_SIZE } from '../../common/window-layout.js';

export interface MainWindowInput {
  /** Absolute path of the bundled CommonJS preload (out/preload/index.cjs). */
  preloadPath: string;
  /** Dark theme: picks the background painted before the page loads (no white flash). */
  dark: boolean;
}

/**
 * Every security-relevant preference spelled out, even where it is Electron's default, so a future default
 * change or a stray edit cannot loosen them silently.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    contextIsolation: true, // the preload's world stays separate from the page's
    sandbox: true, // renderer runs in Chromium's OS sandbox; preload is a single CJS bundle
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true, // same-origin policy on
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false, // we embed no <webview>
    spellcheck: false, // no dictionary downloads, nothing typed here needs it
    preload,
  };
}

/**
 * Options for the members window: hidden until `ready-to-show` (no blank frame), hardened webPreferences,
 * background matching the theme.
 */
export function mainWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 720,
    minWidth: 640,
    minHeight: 420,
    title: 'Nomad Tray',
    show: false,
    autoHideMenuBar: true,
    backgroundColor: input.dark ? '#1c1f24' : '#ffffff',
    webPreferences: secureWebPreferences(input.preloadPath),
  };
}

/**
 * Options for the tray's glance pop-over (the page's glance layout): small, fixed size, no taskbar entry, same
 * hardened webPreferences as the members window.
 */
export function glanceWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  return {
    ...mainWindowOptions(input),
    ...GLANCE_SIZE,
    minWidth: GLANCE_SIZE.width,
    minHeight: 320,
    resizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    title: 'Nomad Tray — overview',
  };
}
