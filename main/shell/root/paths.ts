/**
 * Where everything is, decided once at boot from plain inputs (pure, so packaged vs. development layouts and
 * the test overrides are unit-tested): the config directory, the bundles, the icons, the URL the window loads
 * and the origins IPC trusts.
 */
import path from 'node:path';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../core/web/index.js';

/** Inputs of bootPaths (from `app`, `process` and the environment). */
export interface BootPathInput {
  env: Readonly<Record<string, string | undefined>>;
  isPackaged: boolean;
  /** app.getAppPath(): the project root in development, the app.asar in a package. */
  appPath: string;
  /** process.resourcesPath: where electron-builder's extraResources land. */
  resourcesPath: string;
  /** app.getPath('userData') (after any NOMAD_TRAY_USER_DATA override). */
  userData: string;
  /** Directory of the running main bundle (out/main). */
  mainDir: string;
}

/** Everything main.ts needs to know about locations. */
export interface BootPaths {
  configDir: string;
  rendererDir: string;
  preloadPath: string;
  trayIconDir: string;
  notifyIconDir: string;
  entryUrl: string;
  /** The origin navigation guards allow, and the only one whose top frame may call IPC. */
  appOrigin: string;
}

/**
 * Config dir: NOMAD_TRAY_CONFIG_DIR, else userData (the same directory main/core/settings configDir() computes,
 * so CLI and desktop share settings). The Vite dev server URL (ELECTRON_RENDERER_URL, set by `electron-vite dev`)
 * is honoured only in unpackaged runs, so a packaged app can never be pointed at another origin by env.
 */
export function bootPaths(input: BootPathInput): BootPaths {
  const override = input.env['NOMAD_TRAY_CONFIG_DIR']?.trim();
  const devUrl = input.isPackaged ? undefined : input.env['ELECTRON_RENDERER_URL']?.trim() || undefined;
  const assets = input.isPackaged ? input.resourcesPath : path.join(input.appPath, 'assets');
  const appOrigin = devUrl === undefined ? APP_ORIGIN : new URL(devUrl).origin;
  return {
    configDir: override !== undefined && override !== '' ? override : input.userData,
    rendererDir: path.join(input.mainDir, '..', 'renderer'),
    preloadPath: path.join(input.mainDir, '..', 'preload', 'index.cjs'),
    trayIconDir: path.join(assets, 'tray'),
    notifyIconDir: path.join(assets, 'notify'),
    entryUrl: devUrl ?? APP_ENTRY_URL,
    appOrigin,
  };
}
