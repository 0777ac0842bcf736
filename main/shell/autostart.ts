/**
 * "Start at login". Linux: an XDG autostart entry `~/.config/autostart/nomad-tray.desktop` (Electron's
 * setLoginItemSettings is macOS/Windows only). macOS/Windows: Electron's login items. The app starts hidden
 * in the tray (`--hidden`). Home dir, env, exec path and file system are injected. See Electron's
 * app.setLoginItemSettings docs and freedesktop.org's Desktop Application Autostart Specification.
 */
import nodeFs from 'node:fs/promises';
import path from 'node:path';
import { err, ok, type Result } from '../../common/result.js';
import { atomicWrite, describeError, ensureDir, errorCode } from '../core/settings/index.js';

export const AUTOSTART_FILE = 'nomad-tray.desktop';
/** The argument that makes a login start stay in the tray. */
export const HIDDEN_ARG = '--hidden';

/** Electron's login-item API, as far as we use it. */
export interface LoginItemsLike {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

/** Where and what we run from. */
export interface AutostartDeps {
  platform: NodeJS.Platform;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  execPath: string;
  /** Required on macOS and Windows. */
  loginItems?: LoginItemsLike;
  fs?: Pick<typeof nodeFs, 'unlink'>;
}

/** Turns the login start on or off. */
export interface Autostart {
  setEnabled(enabled: boolean): Promise<Result<void, string>>;
}

/** `$XDG_CONFIG_HOME/autostart/nomad-tray.desktop` (absolute XDG_CONFIG_HOME only, per the spec), else ~/.config. */
export function linuxAutostartPath(home: string, env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env['XDG_CONFIG_HOME'];
  const base = xdg !== undefined && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.config');
  return path.posix.join(base, 'autostart', AUTOSTART_FILE);
}

/**
 * Quotes one Exec argument per the Desktop Entry spec: inside double quotes, `"` `` ` `` `$` `\` get a backslash;
 * then the string-value escape doubles every backslash again; `%` becomes `%%` (field codes).
 */
export function quoteExecArg(arg: string): string {
  const quoted = `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

/**
 * The program to start: the AppImage file itself when running from one (process.execPath points into a mount
 * that changes every run), else the installed executable.
 */
export function autostartExecutable(
  env: Readonly<Record<string, string | undefined>>,
  execPath: string,
): string {
  const appImage = env['APPIMAGE'];
  return appImage !== undefined && appImage !== '' ? appImage : execPath;
}

/** The .desktop file's text. */
export function desktopEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Nomad Tray',
    'Comment=Watches HashiCorp Nomad clusters from the system tray',
    `Exec=${quoteExecArg(executable)} ${HIDDEN_ARG}`,
    'Icon=nomad-tray',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Builds the platform's Autostart. */
export function createAutostart(deps: AutostartDeps): Autostart {
  if (deps.platform === 'darwin' || deps.platform === 'win32') {
    const items = deps.loginItems;
    return {
      async setEnabled(enabled) {
        if (items === undefined) return err('login items are not available');
        // macOS ignores args for the main app service; the app checks its login launch itself.
        items.setLoginItemSettings(
          deps.platform === 'win32' ? { openAtLogin: enabled, args: [HIDDEN_ARG] } : { openAtLogin: enabled },
        );
        return ok(undefined);
      },
    };
  }
  const fs = deps.fs ?? nodeFs;
  const file = linuxAutostartPath(deps.home, deps.env);
  return {
    async setEnabled(enabled) {
      if (!enabled) {
        try {
          await fs.unlink(file);
        } catch (e) {
          if (errorCode(e) !== 'ENOENT') return err(`could not remove ${file}: ${describeError(e)}`);
        }
        return ok(undefined);
      }
      const made = await ensureDir(path.posix.dirname(file));
      if (!made.ok) return made;
      return atomicWrite(file, desktopEntry(autostartExecutable(deps.env, deps.execPath)), {
        mode: 0o644,
        platform: deps.platform,
      });
    },
  };
}
