/**
 * The page is never green while blind, and alerts reach the person looking at it: the REAL
 * `npm start -- --browser --no-open --port P` process against the simulator, in headless Chromium.
 *   - the app hangs (SIGSTOP): the heartbeat stops, the whole page turns to "connection lost" (title,
 *     favicon, badges, banner) within a bound; it resumes (SIGCONT): the page recovers by itself;
 *   - the app is killed: the page turns blind at once, a lazily loaded view says so instead of a loader error;
 *     a new app on the same port: the page says the link changed (new token) and the new link works.
 *   - a simulated server failure reaches the person at the page: an alert-strip entry and, with notification
 *     permission granted, a browser Notification (this machine has no display, so no OS notification);
 *     "Send test notification" reports each delivery.
 * Bounds are generous (a busy 2-core machine); every wait is a poll, never a sleep.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { expect as pw } from 'playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimCluster } from '../nomad-sim/index.js';
import { startCluster } from '../nomad-sim/index.js';
import type { BrowserProcess } from '../browser/browser-process.js';
import { startBrowserProcess } from '../browser/browser-process.js';
import { findChromium } from '../support/chromium.js';

const found = findChromium();
const CHROMIUM = 'path' in found ? found.path : '';
const missing = !('path' in found);
if ('missing' in found) console.warn(`page connection e2e skipped because ${found.missing}`);

/** Generous bound for "the page turned" on a loaded machine (the design target is ~6 s). */
const BOUND = 30_000;

let sim: SimCluster;
let dir: string;
let port: number;
let app: BrowserProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 1;
}

const startApp = (): Promise<BrowserProcess> =>
  startBrowserProcess(dir, {}, 60_000, { detached: true, args: ['--port', String(port)] });

/** Signals the whole process group: start.mjs and the real server it runs. */
function signalApp(signal: NodeJS.Signals): void {
  if (app.child.pid !== undefined) process.kill(-app.child.pid, signal);
}

const sidebar = (p: Page) => p.getByRole('navigation', { name: 'Clusters' });
const banner = (p: Page) => p.getByTestId('connection-lost');
/** The sidebar's words without its sparklines (whose bars are history, each titled with its state). */
const sidebarWords = (p: Page) =>
  sidebar(p).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const svg of copy.querySelectorAll('svg')) svg.remove();
    return copy.textContent ?? '';
  });
const favicon = (p: Page) => p.locator('link[rel="icon"]').getAttribute('href');

describe.skipIf(missing)('the page knows when it is blind', () => {
  beforeAll(async () => {
    sim = await startCluster({ serversPerRegion: 3, clients: 0 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'nomad-tray-blind-'));
    port = await freePort();
    await writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({
        schemaVersion: 1,
        clusters: [{ id: 'main', name: 'main', addresses: [sim.agent('server-1').url], pollIntervalMs: 500 }],
        global: { confirmPolls: 1, recoveryPolls: 1 },
      }),
    );
    [app, browser] = await Promise.all([
      startApp(),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] }),
    ]);
    context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      permissions: ['notifications'],
    });
    // Records the page's browser notifications (headless Chromium shows none on screen).
    await context.addInitScript(() => {
      const Real = window.Notification;
      const shown: { title: string; body: string }[] = [];
      (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
      class Recording extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push({ title, body: options?.body ?? '' });
        }
      }
      Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
      Object.defineProperty(Recording, 'requestPermission', { value: () => Real.requestPermission() });
      window.Notification = Recording;
    });
    page = await context.newPage();
    await page.goto(app.url);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (app?.child.pid !== undefined && app.child.exitCode === null) {
      try {
        process.kill(-app.child.pid, 'SIGCONT');
      } catch {
        // already gone
      }
      await app.stop();
    }
    await sim?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is live and green while the app answers', async () => {
    await pw(sidebar(page).getByRole('button', { name: /^main\b/ })).toContainText('Healthy');
    await pw(page).toHaveTitle(/● 1 healthy/);
    await pw(banner(page)).toHaveCount(0);
  });

  it('a server failure reaches the page: an alert-strip entry and a browser notification', async () => {
    const shown = () =>
      page.evaluate(
        () => (window as unknown as { shownNotifications: { title: string }[] }).shownNotifications,
      );
    sim.fail('server-2');
    const strip = page.getByRole('region', { name: 'Alerts' });
    await pw(strip).toContainText('server-2', { timeout: BOUND });
    await pw(strip).toContainText(/\d+ new/); // no OS notification here: the page is the loud delivery
    await expect
      .poll(async () => (await shown()).map((n) => n.title).join('\n'), { timeout: BOUND })
      .toContain('server-2');
    sim.recover('server-2');
    await pw(sidebar(page).getByRole('button', { name: /^main\b/ })).toContainText('Healthy', {
      timeout: BOUND,
    });

    await page.getByRole('tab', { name: 'Settings' }).click();
    const deliveries = page.getByTestId('alert-deliveries');
    await pw(deliveries).toContainText('OS notifications: off');
    await pw(deliveries).toContainText('Browser notifications: on');
    await deliveries.getByRole('button', { name: 'Send test notification' }).click();
    const status = deliveries.getByRole('status');
    await pw(status).toContainText('OS notification: off', { timeout: BOUND });
    await pw(status).toContainText('Browser notification: shown');
    await pw(strip).toContainText('Test notification');
    await page.getByRole('tab', { name: 'Members' }).click();
  }, 120_000);

  it('turns to "connection lost" when the app hangs, and recovers by itself when it answers again', async () => {
    const greenIcon = await favicon(page);
    signalApp('SIGSTOP');
    await expect.poll(() => page.title(), { timeout: BOUND }).toMatch(/connection lost/);
    await pw(banner(page)).toContainText('Monitor not running / connection lost');
    await expect.poll(() => sidebarWords(page)).not.toContain('Healthy');
    await pw(sidebar(page).getByRole('button', { name: /^main\b/ })).toContainText('Unknown');
    expect(await favicon(page)).not.toBe(greenIcon);
    signalApp('SIGCONT');
    await expect.poll(() => page.title(), { timeout: BOUND }).toMatch(/● 1 healthy/);
    await pw(banner(page)).toHaveCount(0);
    await pw(sidebar(page).getByRole('button', { name: /^main\b/ })).toContainText('Healthy');
  }, 120_000);

  it('turns blind when the app is killed, lazy views say so, and a new app on the same port is announced', async () => {
    signalApp('SIGKILL');
    await app.exited;
    await expect.poll(() => page.title(), { timeout: BOUND }).toMatch(/connection lost/);
    await expect.poll(() => sidebarWords(page)).not.toContain('Healthy');
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const panel = page.getByRole('tabpanel');
    await pw(panel).toContainText('cannot load while the connection to Nomad Tray is lost', {
      timeout: BOUND,
    });
    await pw(panel).not.toContainText('preload');

    app = await startApp();
    expect(app.port).toBe(port);
    await expect.poll(() => page.title(), { timeout: BOUND }).toMatch(/open the new link/);
    await pw(banner(page)).toContainText('Open the new link Nomad Tray printed');
    await expect.poll(() => sidebarWords(page)).not.toContain('Healthy');
    await page.goto(app.url);
    await pw(sidebar(page).getByRole('button', { name: /^main\b/ })).toContainText('Healthy', {
      timeout: BOUND,
    });
    await pw(banner(page)).toHaveCount(0);
  }, 180_000);
});
