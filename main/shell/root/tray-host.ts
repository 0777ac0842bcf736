/**
 * Is there a tray to hide into? macOS and Windows always have one. On Linux Electron shows its icon through a
 * StatusNotifierItem host, which exists when the D-Bus name `org.kde.StatusNotifierWatcher` has an owner (KDE,
 * Cinnamon, XFCE/Budgie with their plugins, GNOME with the AppIndicator extension). We ask the session bus with
 * `dbus-send … NameHasOwner`; when that cannot run (no dbus-send, no session bus) we guess from
 * XDG_CURRENT_DESKTOP: plain GNOME has no tray, other desktops are assumed to have one (Electron then falls
 * back to an XEmbed icon). NOMAD_TRAY_NO_TRAY=1 forces "no tray" (tests, or a user whose panel lies).
 * Without a tray the window opens at start and closing it quits (adapters/window.ts, closeAction).
 */
import { execFile } from 'node:child_process';
import { childEnv } from '../../core/redact/index.js';

/** Runs a command and resolves its stdout, or null when it fails. */
export type RunCommand = (file: string, args: readonly string[]) => Promise<string | null>;

const runWithTimeout: RunCommand = (file, args) =>
  new Promise((resolve) => {
    execFile(file, [...args], { timeout: 2_000, env: childEnv(process.env) }, (error, stdout) =>
      resolve(error ? null : stdout),
    );
  });

const NAME_HAS_OWNER = [
  '--session',
  '--print-reply',
  '--dest=org.freedesktop.DBus',
  '/org/freedesktop/DBus',
  'org.freedesktop.DBus.NameHasOwner',
  'string:org.kde.StatusNotifierWatcher',
];

/** True when a tray icon can be shown (see the file comment for the rules). */
export async function detectTrayHost(input: {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  run?: RunCommand;
}): Promise<boolean> {
  if (input.env['NOMAD_TRAY_NO_TRAY'] === '1') return false;
  if (input.platform === 'darwin' || input.platform === 'win32') return true;
  const answer = await (input.run ?? runWithTimeout)('dbus-send', NAME_HAS_OWNER);
  if (answer !== null) return /boolean\s+true/.test(answer);
  const desktop = (input.env['XDG_CURRENT_DESKTOP'] ?? '').toUpperCase();
  return !desktop.split(':').includes('GNOME');
}
