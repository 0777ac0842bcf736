/** Opens a URL in the user's default browser (xdg-open / open / start), only where a display exists. */
import { spawn } from 'node:child_process';

/** True when a graphical session can show a browser (Linux needs DISPLAY or WAYLAND_DISPLAY). Pure. */
export function hasDisplay(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

/** The opener command for a platform. Pure. */
export function openerFor(platform: NodeJS.Platform, url: string): { cmd: string; args: string[] } {
  if (platform === 'darwin') return { cmd: 'open', args: [url] };
  if (platform === 'win32') return { cmd: 'cmd', args: ['/c', 'start', '""', url] };
  return { cmd: 'xdg-open', args: [url] };
}

/** Starts the opener detached; resolves once it was spawned (its failure is reported, never thrown). */
export function openUrl(platform: NodeJS.Platform, url: string): Promise<void> {
  const { cmd, args } = openerFor(platform, url);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.once('error', (e) => reject(new Error(`${cmd} could not be started: ${e.message}`)));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
