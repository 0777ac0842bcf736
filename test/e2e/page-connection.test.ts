/**
 * The page is never green while blind, and alerts reach the person looking at it: the REAL
 * `npm start -- --browser --no-open --port P` process against the simulator, in headless Chromium.
 *   - the app hangs (SIGSTOP): the heartbeat stops, the whole page turns to "connection lost" (title,
 *     favicon, badges, banner, the cluster header; the members and nodes views show no list) within a bound,
 *     and so does the glance layout in another tab; it resumes (SIGCONT): both recover by themselves;
 *   - the app is killed: the page turns blind at once, a lazily loaded view says so instead of a loader error;
 *     a new app on the same port: the page says the link changed (new token) and the new link works.
 *   - a simulated server failure reaches the person at the page: an alert-strip entry and, with notification
 *     permission granted, a browser Notification (this machine has no display, so no OS notification);
 *     "Send test notification" reports each delivery; clicking the failure's line shows its member.
 * Bounds are generous (a busy 2-core machine); every wait is a poll, never a sleep.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect as pw } from 'playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserProcess } from '../browser/browser-process.js';
import { startBrowserProcess } from '../browser/browser-process.js';
import type { Harness } from './harness.js';
import { chromiumOrSkip, startHarness } from './harness.js';

const CHROMIUM = chromiumOrSkip('page connection e2e');

/** Generous bound for "the page turned" on a loaded machine (the design target is ~6 s). */
const BOUND = 30_000;

let h: Harness;
let port: number;
let context: BrowserContext;
let page: Page;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 1;
}

const startApp = (dir: string): Promise<BrowserProcess> =>
  startBrowserProcess(dir, {}, 60_000, { detached: true, args: ['--port', String(port)] });

/** Signals the whole process group: start.mjs and the real server it runs. */
function signalApp(signal: NodeJS.Signals): void {
  if (h.app.child.pid !== undefined) process.kill(-h.app.child.pid, signal);
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

/**
 * Init script: records the page's browser notifications (headless Chromium shows none on screen) and counts
 * permission requests (`window.permissionAsked`: the page may ask only from its button).
 */
function recordNotifications(): void {
  const Real = window.Notification;
  const shown: { title: string; body: string }[] = [];
  const w = window as unknown as { shownNotifications: typeof shown; permissionAsked: number };
  w.shownNotifications = shown;
  w.permissionAsked = 0;
  class Recording extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      shown.push({ title, body: options?.body ?? '' });
    }
  }
  Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
  Object.defineProperty(Recording, 'requestPermission', {
    value: () => {
      w.permissionAsked += 1;
      return Real.requestPermission();
    },
  });
  window.Notification = Recording;
}
const permissionAsked = (p: Page) =>
  p.evaluate(() => (window as unknown as { permissionAsked: number }).permissionAsked);
const shownNotifications = (p: Page) =>
  p.evaluate(() => (window as unknown as { shownNotifications: { title: string }[] }).shownNotifications);

describe.skipIf(CHROMIUM === null)('the page knows when it is blind', () => {
  beforeAll(async () => {
    port = await freePort();
    h = await startHarness({
      chromium: CHROMIUM ?? '',
      sim: { serversPerRegion: 3, clients: 0 },
      prefix: 'nomad-tray-blind-',
      startApp,
    });
    context = await h.browser.newContext({
      viewport: { width: 1280, height: 800 },
      permissions: ['notifications'],
    });
    await context.addInitScript(recordNotifications);
    page = await context.newPage();
    await page.goto(h.app.url);
  }, 90_000);

  afterAll(() => h?.close());

  it('is live and green while the app answers', async () => {
    await pw(sidebar(page).getByRole('button', { name: /^main\b/ })).toContainText('Healthy');
    await pw(page).toHaveTitle(/● 1 healthy/);
    await pw(banner(page)).toHaveCount(0);
  });

  it('a server failure reaches the page: an alert-strip entry and a browser notification', async () => {
    const shown = () => shownNotifications(page);
    h.sim.fail('server-2');
    const strip = page.getByRole('region', { name: 'Alerts' });
    await pw(strip).toContainText('server-2', { timeout: BOUND });
    await pw(strip).toContainText(/\d+ new/); // no OS notification here: the page is the loud delivery
    await expect
      .poll(async () => (await shown()).map((n) => n.title).join('\n'), { timeout: BOUND })
      .toContain('server-2');
    expect(await permissionAsked(page)).toBe(0); // never on load, nor when an alert arrives
    h.sim.recover('server-2');
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
    // Clicking the failure's line in the strip shows what it is about: the members view, server-2 selected.
    await strip
      .getByRole('button', { name: /^(?!Dismiss).*server-2.*failed/ })
      .first()
      .click();
    await pw(page.getByRole('tab', { name: 'Members' })).toHaveAttribute('aria-selected', 'true');
    const row = page.getByRole('grid', { name: 'Members' }).getByRole('row', { name: /server-2/ });
    await pw(row).toHaveAttribute('aria-selected', 'true');
    await pw(page.getByRole('grid', { name: 'Members' }).locator('[aria-selected="true"]')).toHaveCount(1);
  }, 120_000);

  it('turns to "connection lost" when the app hangs, and recovers by itself when it answers again', async () => {
    const greenIcon = await favicon(page);
    const header = page.locator('main > header');
    await pw(header).toContainText('Healthy');
    await pw(page.getByRole('grid', { name: 'Members' })).toBeVisible();
    // The tray pop-over's layout in a second tab: the same rule.
    const glance = await context.newPage();
    await glance.goto(h.app.url.replace('/#', '/?layout=glance#'));
    await pw(glance.getByRole('list', { name: 'Clusters' })).toContainText('Healthy');
    signalApp('SIGSTOP');
    await expect.poll(() => page.title(), { timeout: BOUND }).toMatch(/connection lost/);
    await pw(banner(page)).toContainText('Monitor not running / connection lost');
    await expect.poll(() => sidebarWords(page)).not.toContain('Healthy');
    await pw(sidebar(page).getByRole('button', { name: /^main\b/ })).toContainText('Unknown');
    expect(await favicon(page)).not.toBe(greenIcon);
    // The selected cluster's header and its live views say nothing they cannot vouch for.
    await pw(header).toContainText('Unknown');
    await pw(header).not.toContainText(/Healthy|servers alive/);
    await pw(page.getByRole('grid', { name: 'Members' })).toHaveCount(0);
    await pw(page.getByTestId('view-blind')).toContainText('Members are not shown');
    await page.getByRole('tab', { name: 'Nodes' }).click();
    await pw(page.getByTestId('view-blind')).toContainText('Client nodes are not shown');
    await page.getByRole('tab', { name: 'Members' }).click();
    await expect.poll(() => glance.title(), { timeout: BOUND }).toMatch(/connection lost/);
    await pw(banner(glance)).toContainText('Monitor not running / connection lost');
    await pw(glance.getByRole('list', { name: 'Clusters' })).toContainText('Unknown');
    await pw(glance.getByRole('list', { name: 'Clusters' })).not.toContainText(/Healthy|servers ·/);
    signalApp('SIGCONT');
    await expect.poll(() => page.title(), { timeout: BOUND }).toMatch(/● 1 healthy/);
    await pw(banner(page)).toHaveCount(0);
    await pw(sidebar(page).getByRole('button', { name: /^main\b/ })).toContainText('Healthy');
    await pw(header).toContainText('Healthy');
    await pw(page.getByRole('grid', { name: 'Members' })).toBeVisible();
    await expect.poll(() => glance.title(), { timeout: BOUND }).toMatch(/● 1 healthy/);
    await glance.close();
  }, 120_000);

  it('turns blind when the app is killed, lazy views say so, and a new app on the same port is announced', async () => {
    signalApp('SIGKILL');
    await h.app.exited;
    await expect.poll(() => page.title(), { timeout: BOUND }).toMatch(/connection lost/);
    await expect.poll(() => sidebarWords(page)).not.toContain('Healthy');
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const panel = page.getByRole('tabpanel');
    await pw(panel).toContainText('cannot load while the connection to Nomad Tray is lost', {
      timeout: BOUND,
    });
    await pw(panel).not.toContainText('preload');

    h.app = await startApp(h.dir);
    expect(h.app.port).toBe(port);
    await expect.poll(() => page.title(), { timeout: BOUND }).toMatch(/open the new link/);
    await pw(banner(page)).toContainText('Open the new link Nomad Tray printed');
    await expect.poll(() => sidebarWords(page)).not.toContain('Healthy');
    await page.goto(h.app.url);
    await pw(sidebar(page).getByRole('button', { name: /^main\b/ })).toContainText('Healthy', {
      timeout: BOUND,
    });
    await pw(banner(page)).toHaveCount(0);
  }, 180_000);
});

/**
 * A desktop that gets both: browser mode on a machine with a display, so the OS notification (notify-send)
 * is a delivery too. `notify-send` is a stand-in on PATH that records its arguments and prints an id, as
 * libnotify 0.7.10+ does. One decision, exactly one loud delivery: the OS notification; the page lists it
 * quietly and raises no browser notification, although the permission is granted. The resolution replaces the
 * sticky OS notification it resolves (`--replace-id`).
 */
describe.skipIf(CHROMIUM === null)('a desktop that gets both OS and page deliveries', () => {
  let both: Harness;
  let bin: string;
  let bothPage: Page;
  const calls = (): string[][] =>
    existsSync(path.join(bin, 'calls'))
      ? readFileSync(path.join(bin, 'calls'), 'utf8')
          .split('--END--\n')
          .filter((c) => c !== '')
          .map((c) => c.trimEnd().split('\n'))
      : [];

  beforeAll(async () => {
    bin = await mkdtemp(path.join(os.tmpdir(), 'nomad-tray-fake-notify-'));
    const log = path.join(bin, 'calls');
    await writeFile(
      path.join(bin, 'notify-send'),
      `#!/bin/sh\nprintf '%s\\n' "$@" '--END--' >> '${log}'\ngrep -c -e '^--END--$' '${log}'\n`,
      { mode: 0o755 },
    );
    both = await startHarness({
      chromium: CHROMIUM ?? '',
      sim: { serversPerRegion: 3, clients: 0 },
      prefix: 'nomad-tray-both-',
      startApp: (dir) =>
        startBrowserProcess(dir, { DISPLAY: ':77', PATH: `${bin}:${process.env['PATH'] ?? ''}` }),
    });
    const ctx = await both.browser.newContext({
      viewport: { width: 1280, height: 800 },
      permissions: ['notifications'],
    });
    await ctx.addInitScript(recordNotifications);
    bothPage = await ctx.newPage();
    await bothPage.goto(both.app.url);
  }, 90_000);

  afterAll(async () => {
    await both?.close();
    if (bin) await rm(bin, { recursive: true, force: true });
  });

  it('Settings says the OS notification alerts this desktop and the test notice goes only there loudly', async () => {
    await bothPage.getByRole('tab', { name: 'Settings' }).click();
    const deliveries = bothPage.getByTestId('alert-deliveries');
    await pw(deliveries).toContainText('OS notifications: on');
    await pw(deliveries).toContainText('Alert strip in this window: on, quietly');
    await pw(deliveries).toContainText('Browser notifications: off (the OS notification already alerts');
    await deliveries.getByRole('button', { name: 'Send test notification' }).click();
    const status = deliveries.getByRole('status');
    await pw(status).toContainText('OS notification: shown', { timeout: BOUND });
    await pw(status).toContainText('Alert strip: shown quietly');
    await pw(status).toContainText('Browser notification: not shown');
    expect(calls().some((c) => c.some((a) => a.includes('Test notification')))).toBe(true);
    expect(await shownNotifications(bothPage)).toEqual([]);
    await bothPage.getByRole('tab', { name: 'Members' }).click();
  }, 60_000);

  it('a failure alerts once (OS), the page lists it quietly; its resolution replaces the OS notice', async () => {
    const before = calls().length;
    both.sim.fail('server-2');
    const strip = bothPage.getByRole('region', { name: 'Alerts' });
    await pw(strip).toContainText('server-2', { timeout: BOUND });
    await pw(strip.locator('header')).not.toContainText('new');
    // The problem notices shown so far (the failure, and quorum at risk when it came in the same round or
    // before the strip showed); the stand-in prints the running count as each one's id.
    const shownBefore = calls().length;
    const problemIds = calls()
      .map((c, i) => ({ c, id: i + 1 }))
      .slice(before)
      .filter(({ c }) => c.includes('--urgency=critical') || c.some((a) => a.includes('server-2')))
      .map(({ id }) => id);
    expect(problemIds.length).toBeGreaterThan(0);
    both.sim.recover('server-2');
    const replaced = () =>
      calls()
        .slice(shownBefore)
        .some((c) => problemIds.some((id) => c.includes(`--replace-id=${id}`)));
    await expect
      .poll(replaced, {
        timeout: BOUND,
        message: `a resolution replacing one of ids ${problemIds.join(', ')}; calls: ${JSON.stringify(calls().slice(before))}`,
      })
      .toBe(true);
    await pw(strip).toContainText(/alive again|restored/, { timeout: BOUND });
    await pw(strip.locator('header')).not.toContainText('new');
    expect(await shownNotifications(bothPage)).toEqual([]);
  }, 120_000);
});
