/**
 * The Electron window's page as main serves it (renderer/first-screen.ts), in Chromium with the fake preload: its
 * first screen shows the cluster and member rows before any script ran, and the app mounts over it from the
 * answers the page carries, without asking for them again, then works as usual.
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope, InvokeChannel } from '../../common/ipc-contract.js';
import { inDefaultOrder } from '../../common/member-order.js';
import type { Member } from '../../common/nomad-domain.js';
import { withFirstScreen } from '../../renderer/first-screen.js';
import {
  RENDERER_ROOT,
  builtWindowBrowser,
  fakeApiScript,
  serveRenderer,
  type FakeCall,
  type Site,
} from '../support/fake-window.js';
import { makeAppInfo, makeClusterView, makeMember } from './fixtures.js';

const { chromium: CHROMIUM, skip: skipReason } = builtWindowBrowser();
if (skipReason) console.warn(`first screen page test skipped because ${skipReason}`);

const now = Date.now();
const view = makeClusterView({ id: 'prod', name: 'Production' }, now);
const members: Member[] = inDefaultOrder(
  Array.from({ length: 250 }, (_, i) =>
    makeMember({ name: `node-${i}.global`, shortName: `node-${i}`, address: `10.0.${i >> 8}.${i & 255}` }),
  ),
);
const time = view.snapshot?.time ?? now;

/** The core as main's app:// handler asks it: the list, and a first page of the members. */
function invoke(channel: InvokeChannel, request: unknown): Promise<Envelope<unknown>> {
  if (channel === 'clusters:list') return Promise.resolve({ ok: true, value: [view] });
  const limit = (request as { limit?: number }).limit ?? members.length;
  return Promise.resolve({
    ok: true,
    value: { time, members: members.slice(0, limit), total: members.length },
  });
}

describe.skipIf(skipReason !== null)('the page main serves, with its first screen', () => {
  let site: Site;
  let browser: Browser;
  beforeAll(async () => {
    site = await serveRenderer(RENDERER_ROOT, new Map(), (html, search) =>
      withFirstScreen(html, `app://renderer/index.html${search}`, invoke),
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function open(scripts: boolean) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    const answers = {
      'app:ready': makeAppInfo(),
      'clusters:list': [view],
      'members:list': { time, members },
    };
    await page.addInitScript({ content: fakeApiScript({ answers, pages: true }) });
    const errors: string[] = []; // CSP violations
    page.on('console', (m) => void (/Content Security Policy/.test(m.text()) && errors.push(m.text())));
    if (!scripts) await page.route(/\.js$/, (route) => route.abort());
    await page.goto(site.url);
    return { page, errors };
  }

  it('shows the cluster and its first rows with no script run, within the page’s CSP', async () => {
    const { page, errors } = await open(false);
    const grid = page.getByRole('grid', { name: 'Members' });
    expect(await page.getByRole('heading', { name: 'Production' }).count()).toBe(1);
    expect(await grid.getAttribute('aria-rowcount')).toBe('101'); // the first page and the header
    expect(await grid.locator('[data-index="0"]').textContent()).toContain('node-0');
    expect(await page.locator('.count').textContent()).toBe('250 members, loading the list…');
    expect(await page.evaluate(() => (window as unknown as { calls: FakeCall[] }).calls)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('mounts over it from the carried answers, asks only for the rest of the list, and works', async () => {
    const { page, errors } = await open(true);
    const count = page.locator('.count');
    await expect.poll(() => count.textContent()).toBe('250 members');
    const calls = await page.evaluate(() => (window as unknown as { calls: FakeCall[] }).calls);
    expect(calls.filter((c) => c.channel === 'clusters:list')).toEqual([]);
    expect(calls.filter((c) => c.channel === 'members:list').map((c) => c.request)).toEqual([
      { clusterId: 'prod' },
    ]);
    await page.getByLabel('Filter members').fill('node-249');
    await expect.poll(() => count.textContent()).toBe('1 member of 250');
    expect(errors).toEqual([]);
    await page.close();
  });
});
