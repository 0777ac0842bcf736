/**
 * Opens a URL in the user's default browser (xdg-open / open / rundll32), only where a display exists. The
 * tokened app URL is never put on a command line (every local user can read /proc/<pid>/cmdline): like
 * Jupyter, it goes into a private launcher file that redirects to it, and the file's URL is what is opened.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { err, ok, type Result } from '../../common/result.js';
import { childEnv } from '../core/redact/index.js';
import { describeError } from '../core/settings/index.js';

/** True when a graphical session can show a browser (Linux needs DISPLAY or WAYLAND_DISPLAY). Pure. */
export function hasDisplay(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

/**
 * The opener command for a platform, always given the normalised href and never run through a shell: on
 * Windows `cmd /c start` would treat `&` in a URL as a command separator, rundll32 takes it as one argument.
 * Pure.
 */
export function openerFor(platform: NodeJS.Platform, url: URL): { cmd: string; args: string[] } {
  const href = url.href;
  if (platform === 'darwin') return { cmd: 'open', args: [href] };
  if (platform === 'win32') return { cmd: 'rundll32', args: ['url.dll,FileProtocolHandler', href] };
  return { cmd: 'xdg-open', args: [href] };
}

/** Starts a program detached; resolves once it was spawned, rejects when it could not be started. */
export type Spawner = (cmd: string, args: readonly string[]) => Promise<void>;

/** The real spawner: detached, no shell, no stdio. */
export const detachedSpawner: Spawner = (cmd, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args], {
      stdio: 'ignore',
      detached: true,
      shell: false,
      env: childEnv(process.env),
    });
    child.once('error', (e) => reject(new Error(`${cmd} could not be started: ${e.message}`)));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });

/** Opens `url` (parsed and normalised first) with the platform's opener; failures are values. */
export async function openUrl(
  platform: NodeJS.Platform,
  url: string,
  spawner: Spawner = detachedSpawner,
): Promise<Result<void, string>> {
  if (!URL.canParse(url)) return err('not a valid URL');
  const { cmd, args } = openerFor(platform, new URL(url));
  return spawner(cmd, args).then(
    () => ok(undefined),
    (e: unknown) => err(describeError(e)),
  );
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The launcher page: redirects to `url` at once (it is opened from file://, the app's CSP does not apply). */
export function launcherHtml(url: string): string {
  const attr = escapeHtml(url);
  const js = JSON.stringify(url).replace(/</g, '\\u003c');
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    `<meta http-equiv="refresh" content="0;url=${attr}">`,
    '<title>Nomad Tray</title></head><body>',
    `<script>location.replace(${js});</script>`,
    `<p><a href="${attr}">Open Nomad Tray</a></p>`,
    '</body></html>',
    '',
  ].join('\n');
}

/** A launcher file written for one browser launch; remove() deletes it and its private directory. */
export interface Launcher {
  file: string;
  remove(): Promise<void>;
}

/**
 * Opens the tokened app URL through a launcher file (a 0600 file in a new 0700 directory under `baseDir`), so
 * only the file's path reaches the opener's argv. Returns the launcher so the caller deletes it on exit.
 */
export async function openAppUrl(options: {
  platform: NodeJS.Platform;
  url: string;
  baseDir?: string;
  spawner?: Spawner;
}): Promise<Result<Launcher, string>> {
  let launcher: Launcher;
  try {
    const dir = await mkdtemp(path.join(options.baseDir ?? os.tmpdir(), 'nomad-tray-open-'));
    const file = path.join(dir, 'open.html');
    await writeFile(file, launcherHtml(options.url), { mode: 0o600, flag: 'wx' });
    launcher = { file, remove: () => rm(dir, { recursive: true, force: true }) };
  } catch (e) {
    return err(`the launcher file could not be written: ${describeError(e)}`);
  }
  const opened = await openUrl(options.platform, pathToFileURL(launcher.file).href, options.spawner);
  if (opened.ok) return ok(launcher);
  await launcher.remove();
  return err(opened.error);
}
