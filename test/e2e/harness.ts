/**
 * The set-up the window end-to-end tests share: a simulated cluster, a config directory with one cluster `main`
 * polling its server-1 every 500 ms (confirm and recover after one poll), the REAL browser-mode process on it,
 * and headless Chromium. `close()` undoes all of it, whatever state the test left the app in (stopped with
 * SIGSTOP, killed, restarted).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { BrowserProcess } from '../browser/browser-process.js';
import { startBrowserProcess } from '../browser/browser-process.js';
import type { SimCluster, SimOptions } from '../nomad-sim/index.js';
import { startCluster } from '../nomad-sim/index.js';
import { findChromium } from '../support/chromium.js';

/** The Chromium to drive, or null after printing why `label` is skipped. */
export function chromiumOrSkip(label: string): string | null {
  const found = findChromium();
  if ('path' in found) return found.path;
  console.warn(`${label} skipped because ${found.missing}`);
  return null;
}

export interface HarnessOptions {
  chromium: string;
  sim: SimOptions;
  /** Prefix of the temporary config directory. */
  prefix: string;
  /** More clusters for settings.json after `main` (settings-file shape: id, name, addresses, …). */
  extraClusters?: object[];
  /** How to start the app in the config directory (default: browser mode on a free port). */
  startApp?: (dir: string) => Promise<BrowserProcess>;
}

export interface Harness {
  sim: SimCluster;
  dir: string;
  /** The running app; a test that restarts it assigns the new one here so close() stops it. */
  app: BrowserProcess;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the simulator, then the app and Chromium side by side. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const sim = await startCluster(options.sim);
  const dir = await mkdtemp(path.join(os.tmpdir(), options.prefix));
  await writeFile(
    path.join(dir, 'settings.json'),
    JSON.stringify({
      schemaVersion: 1,
      clusters: [
        { id: 'main', name: 'main', addresses: [sim.agent('server-1').url], pollIntervalMs: 500 },
        ...(options.extraClusters ?? []),
      ],
      global: { confirmPolls: 1, recoveryPolls: 1 },
    }),
  );
  const start = options.startApp ?? ((d: string) => startBrowserProcess(d, {}));
  const [app, browser] = await Promise.all([
    start(dir),
    chromium.launch({ executablePath: options.chromium, headless: true, args: ['--no-sandbox'] }),
  ]);
  const harness: Harness = {
    sim,
    dir,
    app,
    browser,
    async close() {
      await browser.close();
      const { child } = harness.app;
      if (child.exitCode === null && child.signalCode === null) {
        // A test may have stopped it (SIGSTOP): a stopped process never handles the SIGTERM of stop(). Its
        // whole process group when it has its own (detached), else just the process.
        if (child.pid !== undefined) resume(child.pid);
        await harness.app.stop();
      }
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

function resume(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGCONT');
      return;
    } catch {
      // no such group (not detached), or already gone
    }
  }
}
