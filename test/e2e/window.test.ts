/**
 * The window on the REAL `npm start -- --browser` process against a simulated 10-server cluster, in headless
 * Chromium through Playwright: scannable members list (problems first and tinted, natural order, sortable
 * headers by mouse and keyboard, counts by status, actions in a row menu), the dialogs, Settings, the narrow
 * layouts, and an axe-core audit of every view. Skipped (with the reason printed) without Chromium or a build.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
if ('missing' in found) console.warn(`window e2e skipped because ${found.missing}`);

let sim: SimCluster;
let dir: string;
let app: BrowserProcess;
let browser: Browser;

async function openPage(
  options: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {},
): Promise<Page> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.goto(app.url);
  await grid(page).getByRole('row').nth(10).waitFor();
  return page;
}

/** Bounds for a busy machine (2 cores shared with a whole suite); a passing run takes a fraction. */
const grid = (p: Page) => p.getByRole('grid', { name: 'Members' });
const rowNames = (p: Page) =>
  grid(p)
    .locator('[role=row][data-index] [role=gridcell]:first-child')
    .evaluateAll((cells) => cells.map((c) => c.textContent?.trim() ?? ''));

describe.skipIf('missing' in found)('the window on the real browser-mode process', () => {
  beforeAll(async () => {
    sim = await startCluster({ serversPerRegion: 10 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'nomad-tray-window-'));
    await writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({
        schemaVersion: 1,
        clusters: [{ id: 'main', name: 'main', addresses: [sim.agent('server-1').url], pollIntervalMs: 500 }],
        global: { confirmPolls: 1, recoveryPolls: 1 },
      }),
    );
    [app, browser] = await Promise.all([
      startBrowserProcess(dir, {}),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] }),
    ]);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await sim?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lists members scannably: problems first and tinted, natural order, sortable headers, counts, row menu', async () => {
    const page = await openPage();
    sim.fail('server-7');
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
    sim.recover('server-7');
    await page.context().close();
  }, 120_000);
});
