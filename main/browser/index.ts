/**
 * Browser mode entry point (`npm start -- --browser`, or automatically when no Electron runtime is installed):
 * the app core behind a loopback-only HTTP server, the window in the user's browser. Prints the URL with the
 * per-launch token in its fragment on stdout: the ONLY place the token is ever written.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppCore, createMemorySecretStore } from '../app/index.js';
import { createOsNotifier } from '../core/notify/index.js';
import { acquireInstanceLock, configDir, describeError } from '../core/settings/index.js';
import { parseBrowserArgs } from './args.js';
import { hasDisplay, openAppUrl, openUrl, type Launcher } from './open.js';
import { createBrowserServer } from './server.js';
import { keepSecretsFromChildren } from '../core/redact/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function version(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const v = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
    return typeof v === 'string' ? v : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Runs browser mode until SIGINT/SIGTERM; returns the exit code. */
export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  // Signal handlers go in first and stay until shutdown completes: Ctrl+C during startup, or a second Ctrl+C
  // during shutdown, must not kill the process before the cleanup ran.
  let signalled = false;
  let onStop: (() => void) | undefined;
  const onSignal = (): void => {
    if (signalled) return;
    signalled = true;
    onStop?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const token = randomBytes(32).toString('base64url');
  const log = (line: string): void => {
    process.stderr.write(`nomad-tray: ${line.split(token).join('[redacted]')}\n`);
  };
  const args = parseBrowserArgs(argv);
  if (!args.ok) {
    log(args.error);
    return 64;
  }
  const rendererDir = path.join(ROOT, 'out', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    log(
      `the window is not built (${rendererDir} is missing): run "npm run build" or "npm start -- --browser"`,
    );
    return 1;
  }
  const dir = args.value.configDir ?? configDir(env, process.platform, os.homedir());
  // One instance per config directory (desktop app or browser mode); a crash releases the lock.
  const locked = await acquireInstanceLock({ dir, mode: 'browser', now: Date.now() });
  if (!locked.ok) {
    log(locked.error);
    return 1;
  }
  const { lock, warning } = locked.value;
  if (warning !== undefined) log(warning);
  const display = hasDisplay(process.platform, env);
  // OS notifications only where this machine can show them; without a display the page is the delivery.
  const notifier = createOsNotifier({
    appName: 'Nomad Tray',
    onFailure: (notice, message) => log(`notification "${notice.title}" not shown: ${message}`),
  });
  const core = await createAppCore({
    configDir: dir,
    env,
    secrets: createMemorySecretStore(),
    notifier: display ? notifier : null,
    mode: 'browser',
    platform: process.platform,
    version: version(),
    log,
    ...(display ? { openExternal: (url: string) => openUrl(process.platform, url) } : {}),
  });
  const server = createBrowserServer({ core, token, rendererDir, log });
  let port: number;
  try {
    port = await server.listen(args.value.port);
  } catch (e) {
    log(`could not listen on 127.0.0.1:${args.value.port}: ${describeError(e)}`);
    await core.stop();
    await lock?.release();
    return 1;
  }
  const url = `http://127.0.0.1:${port}/#token=${token}`;
  // A refused second start names this URL, without its token.
  await lock?.update({ mode: 'browser', since: new Date().toISOString(), url: `http://127.0.0.1:${port}/` });
  process.stdout.write(`Nomad Tray is running in browser mode (settings: ${dir}). Open:\n${url}\n`);
  log(`listening on ${server.addresses().join(' and ')} (loopback only); press Ctrl+C to stop`);
  // The browser gets a private launcher file, never the tokened URL on its command line.
  let launcher: Launcher | undefined;
  const opening =
    args.value.open && display
      ? openAppUrl({ platform: process.platform, url }).then((opened) => {
          if (opened.ok) launcher = opened.value;
          else log(`could not open the browser: ${opened.error}`);
        })
      : Promise.resolve();
  return new Promise<number>((resolve) => {
    onStop = (): void => {
      log('shutting down');
      const closed = Promise.all([server.close(), core.stop(), opening.then(() => launcher?.remove())]);
      void closed
        .then(() => lock?.release())
        .then(
          () => {
            log('stopped');
            resolve(0);
          },
          () => resolve(1),
        );
    };
    if (signalled) onStop();
  });
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main(process.argv.slice(2), keepSecretsFromChildren(process.env)).then((code) => process.exit(code));
}
