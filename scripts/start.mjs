#!/usr/bin/env node
/**
 * `npm start`: the desktop app when an Electron runtime is installed, otherwise (or with --browser) browser
 * mode, where the same app core serves the window to the default browser on a loopback-only port.
 *   npm start -- --browser [--no-open] [--port N] [--config DIR]
 * Builds with electron-vite first when out/ is missing or older than the sources. Build output goes to stderr,
 * so stdout carries only what the app prints (in browser mode: the URL to open).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
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
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      else sleep(200); // another start.mjs is building: wait for it (a lock, not test synchronisation)
      if (fresh()) return true;
    }
  }
  try {
    if (fresh()) return true;
    process.stderr.write('nomad-tray: building the app (electron-vite build)…\n');
    const bin = join(
      root,
      'node_modules',
      '.bin',
      process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite',
    );
    const r = spawnSync(bin, ['build'], { cwd: root, stdio: ['ignore', 2, 2] });
    if (r.status !== 0) {
      process.stderr.write(`nomad-tray: the build failed (exit ${r.status ?? r.signal})\n`);
      return false;
    }
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Runs a child with the terminal, forwards Ctrl+C / SIGTERM, exits with its code. */
function run(cmd, args, env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
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
