#!/usr/bin/env node
/**
 * `npm start`: the desktop app when an Electron runtime is installed, otherwise (or with --browser) browser
 * mode, where the same app core serves the window to the default browser on a loopback-only port.
 *   npm start -- --browser [--no-open] [--port N] [--config DIR]
 * Builds with electron-vite first when out/ is missing or older than the sources. Build output goes to stderr,
 * so stdout carries only what the app prints (in browser mode: the URL to open).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronRuntime } from './electron-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const forceBrowser = argv.includes('--browser');

/** Newest modification time (ms) of the files under `dir` (0 when missing). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

/** True when the process that took the build lock is still running (no pid file yet: assume it is). */
function lockHolderAlive(lock) {
  let pid;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8').trim());
  } catch {
    return true; // the holder is between mkdir and writing its pid
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e && e.code === 'EPERM'; // exists but belongs to someone else
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds with electron-vite when `output` is missing or older than the sources; one build at a time. */
function ensureBuilt(output, sources) {
  const fresh = () =>
    existsSync(output) && statSync(output).mtimeMs >= Math.max(...sources.map((s) => newest(join(root, s))));
  if (fresh()) return true;
  const lock = join(root, 'out', '.build-lock');
  mkdirSync(join(root, 'out'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      // A lock whose builder died (or that is too old) is stale: take it over instead of waiting.
      if (Date.now() > deadline || !lockHolderAlive(lock)) rmSync(lock, { recursive: true, force: true });
      else sleep(200); // another start.mjs is building: wait for it (a lock, not test synchronisation)
      if (fresh()) return true;
    }
  }
  try {
    if (fresh()) return true;
    process.stderr.write('nomad-tray: building the app (electron-vite build)…\n');
    // Run electron-vite's JS entry with this Node: no .cmd shim (spawnSync of a .cmd without a shell fails
    // with EINVAL on Windows since Node 20.12.2) and no shell.
    const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
    if (r.status !== 0) {
      process.stderr.write(`nomad-tray: the build failed (exit ${r.status ?? r.signal})\n`);
      return false;
    }
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Runs a child with the terminal and exits with its code. Ctrl+C reaches the child directly (same process
 * group), so SIGINT is only absorbed here while the child shuts down; SIGTERM (sent to this pid alone) is
 * forwarded.
 */
function run(cmd, args, env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const sources = ['main', 'common', 'renderer'];
const runtime = forceBrowser ? null : findElectronRuntime(root);
if (runtime && runtime.path) {
  if (!ensureBuilt(join(root, 'out', 'main', 'index.js'), sources)) process.exit(1);
  const env = { ...process.env };
  const i = argv.indexOf('--config');
  if (i >= 0 && argv[i + 1]) env.NOMAD_TRAY_CONFIG_DIR = argv[i + 1];
  run(runtime.path, [root, ...argv.filter((a, j) => a !== '--config' && argv[j - 1] !== '--config')], env);
} else {
  if (runtime)
    process.stderr.write(
      `${runtime.missing.startsWith('Electron runtime not installed') ? 'Electron runtime not installed' : `No Electron runtime (${runtime.missing})`} — running in browser mode\n`,
    );
  if (!ensureBuilt(join(root, 'out', 'renderer', 'index.html'), ['renderer', 'common'])) process.exit(1);
  run(process.execPath, ['--import', 'tsx', join(root, 'main', 'browser', 'index.ts'), ...argv], process.env);
}
