/**
 * Where Nomad Tray keeps its files. The directory is the same one Electron's `app.getPath('userData')` gives for
 * productName "Nomad Tray", so the desktop app and the CLI share settings and history.
 */
import path from 'node:path';

/** The product name Electron derives userData from. */
export const APP_DIR_NAME = 'Nomad Tray';
export const SETTINGS_FILE = 'settings.json';
export const HISTORY_FILE = 'history.jsonl';

export type ConfigEnv = Readonly<Record<string, string | undefined>>;

/**
 * The config directory for a platform: NOMAD_TRAY_CONFIG_DIR wins; otherwise Linux/BSD use
 * `$XDG_CONFIG_HOME/Nomad Tray` (falling back to `~/.config/Nomad Tray`), macOS uses
 * `~/Library/Application Support/Nomad Tray`, Windows uses `%APPDATA%\Nomad Tray`.
 * Pure: env, platform and home directory are passed in so every platform can be tested on any host.
 */
export function configDir(env: ConfigEnv, platform: NodeJS.Platform, homedir: string): string {
  const override = env['NOMAD_TRAY_CONFIG_DIR'];
  if (override !== undefined && override.trim() !== '') return override;
  if (platform === 'win32')
    return path.win32.join(env['APPDATA'] || path.win32.join(homedir, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Application Support', APP_DIR_NAME);
  // Same rule as Chromium's GetXDGDirectory (what Electron uses): any non-empty value wins.
  return path.posix.join(env['XDG_CONFIG_HOME'] || path.posix.join(homedir, '.config'), APP_DIR_NAME);
}
