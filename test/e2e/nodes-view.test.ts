/**
 * The Nodes view on the REAL browser-mode process against a simulated cluster with 40 client nodes in two
 * datacenters, in headless Chromium: the list with counts, a `node-down` typed into the simulator console
 * moving the node to the top (counts and page title follow), the filter, the details of a selected row (also by
 * keyboard), a drain's details, and a token without `node:read` named in the view. Skipped (with the reason
 * printed) without Chromium or a build.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect as pw } from 'playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../nomad-sim/cli-commands.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { startCluster } from '../nomad-sim/index.js';
import type { Harness } from './harness.js';
import { chromiumOrSkip, startHarness } from './harness.js';

const CHROMIUM = chromiumOrSkip('nodes view e2e');
const NODES = 40;

let h: Harness;
let aclSim: SimCluster;
let tokenDir: string;

const grid = (p: Page) => p.getByRole('grid', { name: 'Nodes' });
const rowNames = (p: Page) =>
  grid(p)
    .locator('[role=row][data-index] [role=gridcell]:first-child')
    .evaluateAll((cells) => cells.map((c) => c.textContent?.trim() ?? ''));
const byStatus = (p: Page) => p.getByRole('list', { name: 'Nodes by status' });
const details = (p: Page) => p.getByRole('region', { name: 'Node details' });
/** The simulator console, as a person types into it. */
function console_(line: string): string {
  const { reply } = runCommand(h.sim, line);
  if (reply.startsWith('error')) throw new Error(reply);
  return reply;
}

async function openNodes(cluster = 'main'): Promise<Page> {
  const context = await h.browser.newContext({
    viewport: { width: 1280, height: 800 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.goto(h.app.url);
  await page
    .getByRole('navigation', { name: 'Clusters' })
    .getByRole('button', { name: new RegExp(`^${cluster}\\b`) })
    .click();
  await page.getByRole('tab', { name: 'Nodes' }).click();
  return page;
}

describe.skipIf(CHROMIUM === null)('the Nodes view on the real browser-mode process', () => {
  beforeAll(async () => {
    aclSim = await startCluster({ serversPerRegion: 1, acl: true, nodes: 2 });
    tokenDir = await mkdtemp(path.join(os.tmpdir(), 'nomad-tray-nodes-token-'));
    const tokenFile = path.join(tokenDir, 'agent-read.token');
    await writeFile(tokenFile, `${aclSim.tokens?.agentRead ?? ''}\n`);
    h = await startHarness({
      chromium: CHROMIUM ?? '',
      sim: { serversPerRegion: 3, nodes: NODES, nodeDatacenters: ['dc1', 'dc2'] },
      prefix: 'nomad-tray-nodes-',
      // agent:read only: the members and the nodes are refused (both need node:read).
      extraClusters: [
        {
          id: 'acl',
          name: 'acl',
          addresses: [aclSim.agent('server-1').url],
          pollIntervalMs: 500,
          token: { source: 'file', path: tokenFile },
        },
      ],
    });
  }, 90_000);

  afterAll(async () => {
    await h?.close();
    await aclSim?.close();
    if (tokenDir) await rm(tokenDir, { recursive: true, force: true });
  });

  it('lists the simulator nodes with counts; a node-down from the console goes to the top, into the counts and the title', async () => {
    const page = await openNodes();
    await pw(byStatus(page)).toContainText(`${NODES} ready`);
    await pw(page.getByRole('list', { name: 'Nodes by datacenter' })).toContainText('dc1 20');
    await pw(page.getByRole('list', { name: 'Nodes by datacenter' })).toContainText('dc2 20');
    await pw(page.getByRole('list', { name: 'Nodes by node pool' })).toContainText(`default ${NODES}`);
    await pw(page.getByText(`${NODES} nodes · as of`)).toBeVisible();
    // Natural order while all are ready; virtualized: far fewer rows in the DOM than nodes.
    expect((await rowNames(page)).slice(0, 3)).toEqual(['node-1', 'node-2', 'node-3']);
    expect((await rowNames(page)).length).toBeLessThan(NODES);
    // The `acl` cluster is refused (access denied): the title counts it, and node problems of `main` only.
    await pw(page).toHaveTitle('◌ 1 access denied · 1 healthy — Nomad Tray');

    expect(console_('node-down node-27')).toBe('node node-27 is now down');
    console_('node-disconnect node-9');
    await expect
      .poll(() => rowNames(page).then((n) => n.slice(0, 3)))
      .toEqual(['node-27', 'node-9', 'node-1']);
    await pw(byStatus(page)).toContainText('1 down');
    await pw(byStatus(page)).toContainText('1 disconnected');
    await pw(byStatus(page)).toContainText(`${NODES - 2} ready`);
    await pw(page).toHaveTitle(
      '◌ 1 access denied · 1 degraded · main — 1 node down, 1 node disconnected — Nomad Tray',
    );
    await pw(grid(page).getByRole('row').filter({ hasText: 'node-27' })).toHaveClass(/tinted/);

    console_('node-up node-27');
    console_('node-up node-9');
    await pw(page).toHaveTitle('◌ 1 access denied · 1 healthy — Nomad Tray');
    await expect.poll(() => rowNames(page).then((n) => n[0])).toBe('node-1');
    await page.context().close();
  }, 120_000);

  it('filters by name, datacenter and status; opens a node’s details by click and by keyboard', async () => {
    const page = await openNodes();
    await grid(page).getByRole('row').nth(5).waitFor();
    console_('drain node-4');
    const filter = page.getByRole('searchbox', { name: 'Filter nodes' });
    await filter.fill('node-1');
    await expect
      .poll(() => rowNames(page))
      .toEqual(['node-1', ...Array.from({ length: 10 }, (_, i) => `node-1${i}`)]);
    await pw(page.getByText(`11 nodes of ${NODES}`)).toBeVisible();
    await filter.fill('DC2');
    await expect
      .poll(async () => (await rowNames(page)).every((n) => Number(n.slice(5)) % 2 === 0))
      .toBe(true);
    await filter.fill('draining');
    await expect.poll(() => rowNames(page)).toEqual(['node-4']);
    await filter.fill('no such node');
    await pw(page.getByText('No node matches "no such node".')).toBeVisible();

    await filter.fill('');
    await expect.poll(() => rowNames(page).then((n) => n[0])).toBe('node-4'); // draining sorts before ready
    await grid(page).getByRole('row').filter({ hasText: 'node-4' }).click();
    await pw(details(page)).toContainText('node-4');
    await pw(details(page)).toContainText('draining');
    await pw(details(page)).toContainText(/Last drain\s*draining · started \d{4}-\d\d-\d\d/);
    await pw(details(page)).toContainText('docker detected, healthy');
    await pw(details(page)).toContainText('1.9');
    // ↓ moves the selection (and the details) to the next row.
    await page.keyboard.press('ArrowDown');
    await pw(details(page).getByRole('heading')).toHaveText('node-1');
    await page.keyboard.press('End');
    await pw(details(page).getByRole('heading')).toHaveText(`node-${NODES}`);
    console_('drain-done node-4');
    console_('eligible node-4');
    await page.context().close();
  }, 120_000);

  it('a token without node:read: the view names the capability, and shows no list', async () => {
    const page = await openNodes('acl');
    await pw(page.getByRole('tabpanel')).toContainText('Client nodes not visible');
    await pw(page.getByRole('tabpanel')).toContainText('node:read');
    await pw(grid(page)).toHaveCount(0);
    await page.context().close();
  }, 60_000);
});
