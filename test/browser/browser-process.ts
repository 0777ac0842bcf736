/**
 * Runs the REAL `node scripts/start.mjs --browser --no-open --config <dir>` process for tests and reads the URL
 * line from its stdout. Everything the process prints is kept so tests can check that the token appears only
 * in that one line.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const URL_LINE = /^(http:\/\/127\.0\.0\.1:(\d+))\/#token=([A-Za-z0-9_-]+)$/m;

export interface BrowserProcess {
  /** The printed URL, with the token fragment. */
  url: string;
  origin: string;
  port: number;
  token: string;
  child: ChildProcess;
  /** stdout after the URL line. */
  stdoutAfterUrl(): string;
  stderr(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<number | null>;
}

/** Starts browser mode and waits (bounded) for its URL line. */
export async function startBrowserProcess(
  configDir: string,
  env: Record<string, string | undefined>,
  timeoutMs = 60_000,
  /** detached: own process group (kill -pid reaches the real server too); args: extra flags (e.g. --port). */
  options: { detached?: boolean; args?: readonly string[] } = {},
): Promise<BrowserProcess> {
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    ...process.env,
    DISPLAY: undefined,
    WAYLAND_DISPLAY: undefined,
    ...env,
  })) {
    if (v !== undefined && !k.startsWith('NOMAD_')) childEnv[k] = v;
  }
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'scripts', 'start.mjs'),
      '--browser',
      '--no-open',
      '--config',
      configDir,
      ...(options.args ?? []),
    ],
    { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: options.detached === true },
  );
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`no URL line within ${timeoutMs} ms; stderr: ${err.slice(-2000)}`));
    }, timeoutMs);
    const check = (): void => {
      const m = URL_LINE.exec(out);
      if (m) {
        cleanup();
        resolve(m);
      }
    };
    const onExit = (): void => {
      cleanup();
      reject(new Error(`browser mode exited early; stderr: ${err.slice(-2000)}`));
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
  const urlEnd = out.indexOf(match[0]) + match[0].length;
  return {
    url: match[0],
    origin: match[1] ?? '',
    port: Number(match[2]),
    token: match[3] ?? '',
    child,
    stdoutAfterUrl: () => out.slice(urlEnd),
    stderr: () => err,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
