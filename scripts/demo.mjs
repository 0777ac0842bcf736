#!/usr/bin/env node
/**
 * `npm run demo`: a guided first run on an offline machine. Starts the Nomad simulator (3 servers, 1 client),
 * writes a throwaway config directory with one cluster pointing at it, then starts the app on it exactly as
 * `npm start` does: the desktop app where an Electron runtime exists, otherwise browser mode (the URL is printed
 * and opened when there is a display). `--cli` runs `nomad-tray watch --notify` instead; other flags (e.g.
 * `--no-open`, `--browser`) go to `npm start`. After ~10 s it fails server-2, ~20 s later recovers it, so a
 * real notification shows within 30 s. Ctrl-C stops everything and removes the temporary directory.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = pathToFileURL(createRequire(path.join(root, 'package.json')).resolve('tsx')).href;
const say = (line) => process.stderr.write(`\x1b[1m[demo]\x1b[0m ${line}\n`);

const children = [];
const timers = [];
let dir = null;
let stopping = false;

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const t of timers) clearTimeout(t);
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
  setTimeout(() => process.exit(code), 300).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

/** Starts the simulator and resolves with its agents' URLs once it prints "ready". */
function startSimulator() {
  const sim = spawn(
    process.execPath,
    ['--import', tsx, 'test/nomad-sim/cli.ts', '--servers', '3', '--clients', '1'],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  children.push(sim);
  return new Promise((resolve, reject) => {
    let text = '';
    sim.on('exit', (code) => reject(new Error(`the simulator exited early (code ${code})`)));
    sim.stdout.on('data', (d) => {
      text += d.toString();
      if (!text.includes('ready')) return;
      sim.stdout.removeAllListeners('data');
      sim.stdout.on('data', (more) => say(`simulator: ${more.toString().trim()}`));
      const urls = {};
      for (const line of text.split('\n')) {
        const m = /^(\S+)\s+(server|client)\s+\S+\s+(https?:\/\/\S+)/.exec(line);
        if (m) urls[m[1]] = m[3];
      }
      resolve({ sim, urls });
    });
  });
}

/** Sends one command line to the simulator console. */
function simCommand(sim, line) {
  say(`simulator <- ${line}`);
  sim.stdin.write(`${line}\n`);
}

try {
  say('starting the Nomad simulator (3 servers, 1 client)…');
  const { sim, urls } = await startSimulator();
  const addresses = ['server-1.global', 'server-2.global', 'server-3.global']
    .map((n) => urls[n])
    .filter(Boolean);
  if (addresses.length === 0) throw new Error('could not read the simulator agent addresses');
  dir = mkdtempSync(path.join(os.tmpdir(), 'nomad-tray-demo-'));
  const settings = {
    schemaVersion: 1,
    clusters: [{ id: 'demo', name: 'Demo cluster', addresses, pollIntervalMs: 2_000 }],
    global: { confirmPolls: 2, recoveryPolls: 2 },
  };
  writeFileSync(path.join(dir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  say(`config directory: ${dir}`);
  const flags = process.argv.slice(2);
  const useCli = flags.includes('--cli');
  const args = useCli
    ? ['--import', tsx, 'main/cli/index.ts', 'watch', '--notify']
    : ['scripts/start.mjs', ...flags.filter((f) => f !== '--cli')];
  say(
    useCli ? 'starting `nomad-tray watch --notify`' : 'starting the app (`npm start`) against the simulator',
  );
  const watch = spawn(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NOMAD_TRAY_CONFIG_DIR: dir },
  });
  children.push(watch);
  watch.on('exit', (code) => {
    if (!stopping) say(`the app exited (code ${code})`);
    stop(code ?? 0);
  });
  timers.push(
    setTimeout(() => simCommand(sim, 'fail server-2'), 10_000),
    setTimeout(() => simCommand(sim, 'recover server-2'), 30_000),
    setTimeout(() => say('that was the tour: server-2 failed and recovered. Ctrl-C to stop.'), 36_000),
  );
  say('server-2 fails in 10 s and recovers 20 s later; Ctrl-C stops everything.');
} catch (e) {
  say(`failed: ${e instanceof Error ? e.message : String(e)}`);
  stop(1);
}
