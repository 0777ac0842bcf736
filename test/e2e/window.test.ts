/**
 * The window on the REAL `npm start -- --browser` process against a simulated 10-server cluster, in headless
 * Chromium through Playwright: scannable members list (problems first and tinted, natural order, sortable
 * headers by mouse and keyboard, counts by status, actions in a row menu), the dialogs, Settings, the narrow
 * layouts, and an axe-core audit of every view. Skipped (with the reason printed) without Chromium or a build.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect as pw } from 'playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import { chromiumOrSkip, startHarness } from './harness.js';
import { withLayout } from '../../common/window-layout.js';

const CHROMIUM = chromiumOrSkip('window e2e');

let h: Harness;

async function openPage(
  options: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {},
): Promise<Page> {
  const context = await h.browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.goto(h.app.url);
  await grid(page).getByRole('row').nth(10).waitFor();
  return page;
}

/** Bounds for a busy machine (2 cores shared with a whole suite); a passing run takes a fraction. */
const grid = (p: Page) => p.getByRole('grid', { name: 'Members' });
const rowNames = (p: Page) =>
  grid(p)
    .locator('[role=row][data-index] [role=gridcell]:first-child')
    .evaluateAll((cells) => cells.map((c) => c.textContent?.trim() ?? ''));

describe.skipIf(CHROMIUM === null)('the window on the real browser-mode process', () => {
  beforeAll(async () => {
    h = await startHarness({
      chromium: CHROMIUM ?? '',
      sim: { serversPerRegion: 10, nodes: 6, nodeDatacenters: ['dc1', 'dc2'] },
      prefix: 'nomad-tray-window-',
    });
  }, 90_000);

  afterAll(() => h?.close());

  it('lists members scannably: problems first and tinted, natural order, sortable headers, counts, row menu', async () => {
    const page = await openPage();
    h.sim.fail('server-7');
    const toolbar = page.getByRole('list', { name: 'Members by status' });
    await pw(toolbar).toContainText('1 failed');
    await pw(toolbar).toContainText('9 alive');
    // Default: the failed member first, then natural name order (server-2 before server-10).
    await expect
      .poll(() => rowNames(page))
      .toEqual(['server-7', ...[1, 2, 3, 4, 5, 6, 8, 9, 10].map((n) => `server-${n}`)]);
    const failedRow = grid(page).getByRole('row').filter({ hasText: 'server-7' });
    const aliveRow = grid(page).getByRole('row').filter({ hasText: 'server-8' });
    const background = (l: typeof failedRow) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background(failedRow)).not.toBe(await background(aliveRow));

    // Headers sort by mouse and by keyboard, and say so (aria-sort).
    const nameHeader = grid(page).getByRole('columnheader', { name: 'Name' });
    await nameHeader.getByRole('button').click();
    await pw(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    expect((await rowNames(page)).slice(0, 3)).toEqual(['server-1', 'server-2', 'server-3']);
    await nameHeader.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await pw(nameHeader).toHaveAttribute('aria-sort', 'descending');
    expect((await rowNames(page))[0]).toBe('server-10');
    await page.keyboard.press('Space');
    await pw(nameHeader).toHaveAttribute('aria-sort', 'none');
    expect((await rowNames(page))[0]).toBe('server-7');

    // No action button on every row: one menu per row, keyboard operable.
    await pw(grid(page).getByRole('button', { name: /Force leave/ })).toHaveCount(0);
    await aliveRow.getByRole('button', { name: 'Actions for server-8' }).click();
    const item = page.getByRole('menuitem', { name: 'Force leave…' });
    await pw(item).toBeFocused();
    await page.keyboard.press('Escape');
    await pw(item).toHaveCount(0);
    await pw(aliveRow.getByRole('button', { name: 'Actions for server-8' })).toBeFocused();
    h.sim.recover('server-7');
    await page.context().close();
  }, 120_000);

  it('force-leave of the alive leader names the leader and puts the worst case in the red box; exact-name hint', async () => {
    const page = await openPage();
    // 5 of 10 servers failed: removing the leader leaves 4 alive of 9 voters (quorum 5).
    const down = [2, 3, 4, 5, 6].map((n) => `server-${n}`);
    for (const name of down) h.sim.fail(name);
    await pw(page.getByRole('list', { name: 'Members by status' })).toContainText('5 failed');
    await grid(page).getByRole('button', { name: 'Actions for server-1', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Force leave…' }).click();
    const dialog = page.getByRole('dialog', { name: /Force leave server-1/ });
    const box = dialog.getByRole('note');
    await pw(box).toContainText('It is the LEADER of region global');
    await pw(box).toContainText('quorum would be lost');
    await pw(dialog.getByRole('listitem').filter({ hasText: 'quorum would be lost' })).toHaveCount(0);
    const confirm = dialog.getByRole('button', { name: 'Force leave', exact: true });
    const name = dialog.getByLabel(/Type the member's full name/);
    await name.fill('server-1');
    await pw(dialog.getByText(/Type the full name, with its region: server-1\.global/)).toBeVisible();
    await pw(confirm).toBeDisabled();
    await name.fill('server-1.global');
    await pw(confirm).toBeEnabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    for (const name of down) h.sim.recover(name);
    await page.context().close();
  }, 120_000);

  it("join splits on commas and new lines only, checks each entry, and lists Nomad's errors", async () => {
    const page = await openPage();
    await page.getByRole('button', { name: 'Join…' }).click();
    const dialog = page.getByRole('dialog', { name: /Join servers to main/ });
    const input = dialog.getByLabel(/Serf addresses/);
    await input.fill('not a host!\n127.0.9.1');
    const checks = dialog.getByRole('listitem');
    await pw(checks).toHaveCount(2);
    await pw(checks.first()).toContainText('not a host!');
    const join = dialog.getByRole('button', { name: 'Join', exact: true });
    await pw(join).toBeDisabled();
    await input.fill('127.0.9.1, 127.0.9.2');
    await pw(checks).toHaveCount(2);
    await join.click();
    await pw(dialog).toContainText('Nothing joined.');
    await pw(dialog).toContainText('Nomad answered with 2 errors:');
    const errors = dialog.locator('ul.errors > li');
    await pw(errors).toHaveCount(2);
    await pw(errors.first()).toContainText('127.0.9.1');
    await page.context().close();
  }, 120_000);

  it('settings: header and tabs stay put, desktop-only options hidden, 24-hour times, honest token state, no CSP error', async () => {
    const errors: string[] = [];
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(h.app.url);
    await grid(page).getByRole('row').nth(10).waitFor();
    const tabs = page.getByRole('tablist');
    const before = await tabs.boundingBox();
    // Arrow keys move between the tabs, wrapping around (WAI-ARIA tabs pattern).
    await page.getByRole('tab', { name: 'Members' }).focus();
    await page.keyboard.press('ArrowLeft');
    await pw(page.getByRole('tab', { name: 'Settings' })).toBeFocused();
    await pw(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowRight');
    await pw(page.getByRole('tab', { name: 'Members' })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowRight');
    await pw(page.getByRole('tab', { name: 'Nodes' })).toBeFocused();
    await page.getByRole('tab', { name: 'Settings' }).click();
    const form = page.getByRole('region', { name: 'Settings' });
    await form.getByRole('group', { name: 'main' }).waitFor();
    expect((await tabs.boundingBox())?.y).toBe(before?.y);
    await pw(page.getByRole('heading', { name: 'main', level: 2 })).toBeVisible();

    await pw(form.getByLabel('Start at login')).toHaveCount(0);
    await pw(form.getByText(/keeps Nomad Tray in the tray/)).toHaveCount(0);

    const from = form.getByLabel('From');
    expect(await from.inputValue()).toBe('22:00');
    await form.getByLabel('Hold notifications during quiet hours').check();
    await from.fill('9 pm');
    await pw(form.getByText('A 24-hour time as HH:MM, e.g. 22:00.').first()).toBeVisible();
    await from.fill('22:30');
    await pw(form.getByText('A 24-hour time as HH:MM, e.g. 22:00.')).toHaveCount(0);

    const main = form.getByRole('group', { name: 'main' });
    const summaries = main.locator('details:not([open]) > summary');
    for (let n = await summaries.count(); n > 0; n = await summaries.count()) await summaries.first().click();
    await main.getByLabel('Token source').selectOption('keychain');
    await main.getByLabel('New ACL token').fill('a-token-for-this-test');
    await main.getByRole('button', { name: 'Set token' }).click();
    await pw(main.getByRole('status').filter({ hasText: 'stored — used once you save' })).toBeVisible();

    await page.getByRole('button', { name: 'Revert' }).click();
    // No CSP notice for frame-ancestors in a meta tag (or anything else) on load.
    expect(errors.filter((e) => /Content Security Policy|frame-ancestors/.test(e))).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows a themed placeholder, not a blank page, before the app mounts', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(h.app.url);
    await pw(page.getByText('Nomad Tray — loading…')).toBeVisible();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).not.toBe('rgba(0, 0, 0, 0)'); // theme.css is applied with the first paint
    await context.close();
  }, 60_000);

  it('narrow window (360 px): cluster picker, Name + Status + Leader, details of the selected row, no sideways scroll', async () => {
    const page = await openPage({ width: 360, height: 700 });
    const sideways = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await sideways()).toBe(0);
    const picker = page.getByRole('combobox', { name: 'Cluster' });
    await pw(picker).toBeVisible();
    await pw(picker).toHaveValue('main');
    await pw(
      page.getByRole('navigation', { name: 'Clusters' }).getByRole('button', { name: /^main\b/ }),
    ).toBeHidden();
    for (const name of ['Name', 'Status', 'Leader'])
      await pw(grid(page).getByRole('columnheader', { name })).toBeVisible();
    for (const name of ['Address', 'Port', 'Region', 'Datacenter', 'Build'])
      await pw(grid(page).getByRole('columnheader', { name })).toBeHidden();
    const row = grid(page).getByRole('row').filter({ hasText: 'server-3' });
    await row.getByRole('gridcell').first().click();
    const details = page.getByRole('definition').filter({ hasText: '127.0.1.' });
    await pw(details).toBeVisible();
    await pw(page.locator('dl[aria-label="Details of server-3"]')).toContainText('server-3.global');
    await page.getByRole('tab', { name: 'Nodes' }).click();
    await page.getByRole('grid', { name: 'Nodes' }).getByRole('row').filter({ hasText: 'node-1' }).click();
    await page.getByRole('region', { name: 'Node details' }).waitFor();
    expect(await sideways(), 'Nodes').toBe(0);
    for (const tab of ['Agent', 'Timeline', 'Settings']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tabpanel').getByRole('heading').first().waitFor();
      expect(await sideways(), tab).toBe(0);
    }
    await page.context().close();
  }, 120_000);

  it('glance layout (tray pop-over, 360×480): worst state, one line and the problems per cluster, open full window', async () => {
    const context = await h.browser.newContext({
      viewport: { width: 360, height: 480 },
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await page.goto(withLayout(h.app.url, 'glance'));
    const clusters = page.getByRole('list', { name: 'Clusters' });
    await pw(page.getByRole('heading', { level: 1 })).toContainText('1 healthy');
    await pw(clusters.getByRole('button', { name: /^Open main\b/ })).toContainText(
      '10/10 servers · can lose 4',
    );
    await pw(grid(page)).toHaveCount(0); // no members table, sidebar or tabs in the pop-over
    await pw(page.getByRole('tablist')).toHaveCount(0);

    h.sim.fail('server-7');
    await pw(page.getByRole('heading', { level: 1 })).toContainText('1 degraded');
    await pw(clusters.getByRole('button', { name: /^Open main\b/ })).toContainText('Degraded');
    const problems = page.getByRole('list', { name: 'Problems of main' });
    await pw(problems).toContainText('server-7');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBe(0);

    // In a browser tab the full layout opens in place, on the cluster clicked, and the URL drops the flag.
    await clusters.getByRole('button', { name: /^Open main\b/ }).click();
    await pw(page.getByRole('heading', { name: 'main', level: 2 })).toBeVisible();
    await grid(page).getByRole('row').filter({ hasText: 'server-7' }).waitFor();
    expect(new URL(page.url()).searchParams.get('layout')).toBeNull();
    h.sim.recover('server-7');
    await context.close();
  }, 120_000);

  it('axe-core finds no accessibility violation in any view, light and dark', async () => {
    const source = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await openPage({ colorScheme });
      // page.evaluate runs outside the page's CSP (script-src 'self'), so axe needs no policy change.
      await page.evaluate(source);
      const audit = async (view: string) => {
        const result = await page.evaluate(() =>
          (
            window as unknown as {
              axe: {
                run: (o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
              };
            }
          ).axe.run({ resultTypes: ['violations'] }),
        );
        for (const v of result.violations)
          found.push(
            `${colorScheme} ${view}: ${v.id} ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
          );
      };
      await audit('members');
      await grid(page).getByRole('button', { name: 'Actions for server-3' }).click();
      await audit('row menu');
      await page.getByRole('menuitem', { name: 'Force leave…' }).click();
      await page.getByRole('dialog').waitFor();
      await audit('force-leave dialog');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Join…' }).click();
      await page.getByRole('dialog').waitFor();
      await audit('join dialog');
      await page.keyboard.press('Escape');
      // The Nodes view with a tinted down row, a disconnected one, and a node's details open.
      h.sim.setNodeStatus('node-3', 'down', 'node heartbeat missed');
      h.sim.setNodeStatus('node-4', 'disconnected');
      await page.getByRole('tab', { name: 'Nodes' }).click();
      const nodes = page.getByRole('grid', { name: 'Nodes' });
      await nodes.getByRole('row').filter({ hasText: 'node-4' }).getByText('disconnected').waitFor();
      await nodes.getByRole('row').filter({ hasText: 'node-3' }).click();
      await page.getByRole('region', { name: 'Node details' }).getByText('node heartbeat missed').waitFor();
      await audit('nodes with details');
      h.sim.setNodeStatus('node-3', 'ready');
      h.sim.setNodeStatus('node-4', 'ready');
      for (const tab of ['Agent', 'Timeline', 'Settings']) {
        await page.getByRole('tab', { name: tab }).click();
        await page.getByRole('tabpanel').getByRole('heading').first().waitFor();
        await audit(tab.toLowerCase());
      }
      await page.setViewportSize({ width: 360, height: 480 });
      await page.goto(withLayout(h.app.url, 'glance'));
      await page.getByRole('list', { name: 'Clusters' }).getByRole('button').first().waitFor();
      await page.evaluate(source);
      await audit('glance');
      await page.context().close();
    }
    expect(found).toEqual([]);
  }, 180_000);

  it('Tab moves in reading order (top bar, clusters, header, tabs) and every stop shows its focus', async () => {
    const page = await openPage();
    const stops: { name: string; outline: string }[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const name = el.getAttribute('aria-label') ?? el.textContent?.trim().split('\n')[0] ?? el.tagName;
          return { name, outline: getComputedStyle(el).outlineStyle };
        }),
      );
    }
    const names = stops.map((s) => s.name);
    const order = ['Poll all now', 'Pause monitoring', 'main', 'Snooze notifications', 'Poll now', 'Members'];
    const at = order.map((n) => names.findIndex((x) => x.startsWith(n)));
    expect(
      at.every((i) => i >= 0),
      names.join(' | '),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    for (const stop of stops) expect(stop.outline, stop.name).not.toBe('none');
    await page.context().close();
  }, 120_000);
});
