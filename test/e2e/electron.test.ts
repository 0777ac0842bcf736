/**
 * The real desktop app end to end: Playwright's `_electron` launches the BUILT app (out/main/index.js through
 * package.json) against a simulated cluster, reads the tray model and the raised notifications through the
 * NOMAD_TRAY_E2E test hook (main/shell/root/e2e-hook.ts), opens the window and checks the member list.
 *
 * Needs a real Electron runtime: the `electron` npm package downloads its binary on first use, which an
 * offline build machine cannot do (README, "Desktop app and installers"). Without one the test is
 * then SKIPPED with the reason. It never calls launch() without executablePath (that would start a download)
 * and never fakes a runtime. On Linux without a display run it as `xvfb-run -a dbus-run-session -- npx vitest
 * run test/e2e/electron.test.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ElectronApplication } from 'playwright-core';
import { _electron } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { E2EHook } from '../../main/shell/root/e2e-hook.js';
import type { TrayModel } from '../../main/shell/tray-model.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
type Runtime = { path: string } | { missing: string };
const { findElectronRuntime } = (await import(
  pathToFileURL(path.join(ROOT, 'scripts/electron-runtime.mjs')).href
)) as { findElectronRuntime: (root: string) => Runtime };
const runtime = findElectronRuntime(ROOT);
const executablePath = 'path' in runtime ? runtime.path : null;
if (executablePath === null && 'missing' in runtime) {
  console.warn(
    `electron e2e skipped because no Electron runtime is available here (${runtime.missing}); ` +
      'set ELECTRON_OVERRIDE_DIST_PATH or install with network access to run it',
  );
}

/** Polls `probe` until it returns a truthy value (bounded; no sleeps as synchronisation). */
async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100)); // poll pacing, not synchronisation
  }
}

/**
 * The hook inside the app's main process. Functions passed to app.evaluate are serialised and run THERE, so each
 * one reads `globalThis.__nomadTrayE2E` itself (no closures over this file).
 */
type HookGlobal = { __nomadTrayE2E: E2EHook };

describe.skipIf(executablePath === null)('desktop app (real Electron)', () => {
  let sim: SimCluster;
  let dir: string;
  let app: ElectronApplication;

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'out/main/index.js'))) {
      const built = spawnSync(path.join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT });
      if (built.status !== 0) throw new Error(`electron-vite build failed: ${String(built.stderr)}`);
    }
    sim = await startCluster({ serversPerRegion: 3 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'nomad-tray-e2e-'));
    const configDir = path.join(dir, 'config');
    await mkdir(configDir, { recursive: true });
    await writeFile(
      path.join(configDir, 'settings.json'),
      JSON.stringify({
        schemaVersion: 1,
        clusters: [{ id: 'sim', name: 'sim', addresses: [sim.servers()[0]!.url], pollIntervalMs: 500 }],
        global: { confirmPolls: 2, recoveryPolls: 2 },
      }),
    );
    app = await _electron.launch({
      executablePath: executablePath!, // never launch without it: that would download Electron
      args: [ROOT],
      env: {
        ...process.env, // keeps DISPLAY and DBUS_SESSION_BUS_ADDRESS (Playwright: `env` replaces process.env)
        NOMAD_TRAY_E2E: '1',
        NOMAD_TRAY_CONFIG_DIR: configDir,
        NOMAD_TRAY_USER_DATA: path.join(dir, 'user-data'),
      },
      timeout: 30_000,
    });
  }, 90_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await sim?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows the cluster healthy in the tray model', async () => {
    const model = await waitFor('a healthy tray', async () => {
      const m = await app.evaluate(() => (globalThis as unknown as HookGlobal).__nomadTrayE2E.trayModel());
      return m.icon === 'healthy' ? m : null;
    });
    expect(model.menu[0]?.id).toBe('open');
    expect(model.menu.find((i) => i.id === 'cluster:sim')?.label).toMatch(/^sim — healthy · 3\/3 servers/);
  }, 60_000);

  it('opens the window from the tray menu and lists the members', async () => {
    await app.evaluate(() => (globalThis as unknown as HookGlobal).__nomadTrayE2E.action('open'));
    const page = await app.firstWindow();
    expect(new URL(page.url()).protocol).toBe('app:');
    const grid = page.getByRole('grid', { name: 'Members' });
    if (!(await grid.isVisible())) {
      await page
        .getByRole('navigation', { name: 'Clusters' })
        .getByRole('button', { name: /^sim\b/ })
        .click();
    }
    for (const name of ['server-1', 'server-2', 'server-3']) {
      await grid.getByRole('row').filter({ hasText: name }).first().waitFor({ timeout: 15_000 });
    }
  }, 60_000);

  it('a click on the tray opens the glance pop-over, whose button opens the full window on the cluster', async () => {
    const opened = app.waitForEvent('window');
    await app.evaluate(() => (globalThis as unknown as HookGlobal).__nomadTrayE2E.clickTray());
    const glance = await opened;
    expect(new URL(glance.url()).searchParams.get('layout')).toBe('glance');
    await glance
      .getByRole('list', { name: 'Clusters' })
      .getByText('3/3 servers')
      .waitFor({ timeout: 15_000 });
    await glance.getByRole('button', { name: /^Open sim\b/ }).click();
    const full = app.windows().find((w) => new URL(w.url()).searchParams.get('layout') !== 'glance');
    expect(full).toBeDefined();
    await full!.getByRole('heading', { name: 'sim', level: 2 }).waitFor({ timeout: 15_000 });
  }, 60_000);

  it('notifies when a server fails, and the tray turns degraded', async () => {
    sim.fail('server-2');
    const notice = await waitFor('a notification about server-2', async () => {
      const all = await app.evaluate(() =>
        (globalThis as unknown as HookGlobal).__nomadTrayE2E.notifications.map((n) => ({
          title: n.title,
          body: n.body,
        })),
      );
      return all.find((n) => `${n.title} ${n.body}`.includes('server-2')) ?? null;
    });
    expect(notice.title.length).toBeGreaterThan(0);
    const model: TrayModel = await app.evaluate(() =>
      (globalThis as unknown as HookGlobal).__nomadTrayE2E.trayModel(),
    );
    expect(['degraded', 'critical']).toContain(model.icon);
  }, 60_000);
});
