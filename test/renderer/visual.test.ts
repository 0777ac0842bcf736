/**
 * Visual regression: every view of the built window (out/renderer, fake core with fixed data and a fixed
 * clock), light and dark, 1280 and 400 px wide, the two dialogs, and the tray's glance layout, compared with
 * the committed baselines in test/renderer/visual/ by Playwright's own image comparison (pixelmatch, from
 * playwright-core) with a small tolerance. A mismatch writes the new image and a diff to test-results/visual/.
 *
 * Deterministic on purpose: the page's fonts are pinned to DejaVu Sans (what Debian's chromium brings in
 * through fontconfig), animations, transitions and the caret are off, time is frozen at one instant in UTC,
 * and the heartbeat keeps the window live. Update the baselines after an intended change with
 * `NOMAD_TRAY_UPDATE_SCREENSHOTS=1 npx vitest run test/renderer/visual.test.ts` (README, Development).
 * Skipped (with the reason printed) without Chromium, a build, or the font.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLayout } from '../../common/window-layout.js';
import { makeNodesSummary } from '../support/builders.js';
import { builtWindowBrowser, fakeApiScript, serveRenderer } from '../support/fake-window.js';
import type { Site } from '../support/fake-window.js';
import {
  makeAppInfo,
  makeClusterView,
  makeHistory,
  makeMembers,
  makeNodeTable,
  makeSelf,
  makeSettingsView,
  makeUnreachableView,
} from './fixtures.js';

const BASELINES = join(import.meta.dirname, 'visual');
const OUT = 'test-results/visual';
const UPDATE = process.env['NOMAD_TRAY_UPDATE_SCREENSHOTS'] === '1';
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
/** 2026-01-15 09:30 UTC: every "polled …", clock time and sparkline is drawn at this instant. */
const NOW = Date.UTC(2026, 0, 15, 9, 30);
/** Per-pixel colour threshold (pixelmatch's) and the share of pixels that may differ (anti-aliasing). */
const TOLERANCE = { threshold: 0.2, maxDiffPixelRatio: 0.002 };

type Compare = (
  actual: Buffer,
  expected: Buffer,
  options: { threshold: number; maxDiffPixelRatio: number },
) => { errorMessage: string; diff?: Buffer } | null;

/** Playwright's screenshot comparator (what toHaveScreenshot uses), from playwright-core's bundle. */
function pngComparator(): Compare {
  const bundle = createRequire(import.meta.url)('playwright-core/lib/coreBundle') as {
    utils?: { getComparator?: (mime: string) => Compare };
  };
  const get = bundle.utils?.getComparator;
  if (typeof get !== 'function')
    throw new Error(
      'playwright-core no longer exposes utils.getComparator: update test/renderer/visual.test.ts',
    );
  return get('image/png');
}

const browserFound = builtWindowBrowser();
const skipReason =
  browserFound.skip ?? (existsSync(FONT) ? null : `${FONT} is missing (apt-get install fonts-dejavu-core)`);
if (skipReason) console.warn(`visual regression test skipped because ${skipReason}`);

/** Pinned fonts; no motion, no caret (the page's CSP is bypassed for this one stylesheet). */
const PIN_CSS = `:root { --font: 'DejaVu Sans', sans-serif; --mono: 'DejaVu Sans Mono', monospace; }
*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }`;

function answers(): Record<string, unknown> {
  const base = makeClusterView({}, NOW);
  const prod = {
    ...base,
    snapshot: base.snapshot && {
      ...base.snapshot,
      nodes: makeNodesSummary({
        total: 17,
        ready: 14,
        down: 1,
        disconnected: 1,
        initializing: 1,
        draining: 1,
        ineligible: 2,
      }),
    },
  };
  const staging = {
    ...makeUnreachableView(NOW),
    timeline: [
      { time: NOW - 600_000, state: 'healthy' as const },
      { time: NOW - 125_000, state: 'unreachable' as const },
    ],
  };
  return {
    'app:ready': makeAppInfo(),
    'clusters:list': [prod, staging],
    'members:list': { prod: { time: NOW, members: makeMembers() }, staging: { time: NOW, members: null } },
    'nodes:list': { prod: { time: NOW, nodes: makeNodeTable(NOW) }, staging: null },
    'settings:get': makeSettingsView(),
    'history:list': makeHistory(NOW),
    'agent:self': { self: makeSelf(), address: 'https://10.0.0.11:4646' },
  };
}

describe.skipIf(skipReason !== null)('visual regression of every view', () => {
  let site: Site;
  let browser: Browser;
  const compare = pngComparator();
  /** The current test's mismatches: every screenshot of a test is compared before it fails. */
  const problems: string[] = [];

  beforeAll(async () => {
    site = await serveRenderer();
    browser = await chromium.launch({
      executablePath: browserFound.chromium,
      // Same pixels on every machine with this chromium: no hinting differences, sRGB, no GPU.
      args: ['--no-sandbox', '--font-render-hinting=none', '--force-color-profile=srgb', '--disable-gpu'],
    });
    mkdirSync(OUT, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function open(
    scheme: 'light' | 'dark',
    size: { width: number; height: number },
    layout: 'full' | 'glance' = 'full',
  ): Promise<Page> {
    const context = await browser.newContext({
      colorScheme: scheme,
      viewport: size,
      reducedMotion: 'reduce',
      timezoneId: 'UTC',
      locale: 'en-US',
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.clock.setFixedTime(NOW);
    await page.addInitScript({
      content: fakeApiScript({ answers: answers(), byCluster: ['members:list', 'nodes:list'] }),
    });
    await page.goto(withLayout(site.url, layout));
    await page.addStyleTag({ content: PIN_CSS });
    return page;
  }

  /** Shoots the viewport and compares it with (or, when updating, writes) the baseline `name`.png. */
  async function check(page: Page, name: string): Promise<void> {
    await page.mouse.move(0, 0); // no hover
    await page.evaluate(() => document.fonts.ready);
    const actual = await page.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css' });
    const file = join(BASELINES, `${name}.png`);
    if (UPDATE) {
      mkdirSync(BASELINES, { recursive: true });
      writeFileSync(file, actual);
      return;
    }
    if (!existsSync(file)) {
      writeFileSync(join(OUT, `${name}.actual.png`), actual);
      problems.push(`${name}: no baseline (create it with NOMAD_TRAY_UPDATE_SCREENSHOTS=1)`);
      return;
    }
    const result = compare(actual, readFileSync(file), TOLERANCE);
    if (result === null) return;
    writeFileSync(join(OUT, `${name}.actual.png`), actual);
    if (result.diff) writeFileSync(join(OUT, `${name}.diff.png`), result.diff);
    problems.push(`${name}: ${result.errorMessage} (see ${OUT}/${name}.diff.png)`);
  }

  it('catches a broken layout: a sidebar 60 px narrower fails the comparison', async () => {
    const baseline = join(BASELINES, 'members-light-1280.png');
    if (UPDATE || !existsSync(baseline)) return;
    const page = await open('light', { width: 1280, height: 760 });
    await page
      .getByRole('grid', { name: 'Members' })
      .getByRole('row')
      .filter({ hasText: 'server-3' })
      .waitFor();
    await page.addStyleTag({ content: '.body { grid-template-columns: 200px 1fr !important; }' });
    await page.mouse.move(0, 0);
    const broken = await page.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css' });
    expect(compare(broken, readFileSync(baseline), TOLERANCE)?.errorMessage).toMatch(
      /pixels .* are different/,
    );
    await page.context().close();
  }, 120_000);

  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1280, 400]) {
      it(`${scheme}, ${width} px: members, nodes, agent, timeline, settings${width === 1280 ? ' and the dialogs' : ''}`, async () => {
        const page = await open(scheme, { width, height: 760 });
        const grid = page.getByRole('grid', { name: 'Members' });
        await grid.getByRole('row').filter({ hasText: 'server-3' }).waitFor();
        await check(page, `members-${scheme}-${width}`);
        if (width === 1280) {
          await grid.getByRole('button', { name: 'Actions for server-2' }).click();
          await page.getByRole('menuitem', { name: 'Force leave…' }).click();
          await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).waitFor();
          await check(page, `force-leave-${scheme}-${width}`);
          await page.keyboard.press('Escape');
          await page.getByRole('dialog').waitFor({ state: 'hidden' });
          await page.getByRole('button', { name: 'Join…' }).click();
          await page.getByLabel(/Serf addresses/).fill('10.0.0.14, bad host!');
          await page.getByRole('dialog').getByRole('listitem').nth(1).waitFor();
          await check(page, `join-${scheme}-${width}`);
          await page.keyboard.press('Escape');
          await page.getByRole('dialog').waitFor({ state: 'hidden' });
        }
        const panel = page.getByRole('tabpanel');
        await page.getByRole('tab', { name: 'Nodes' }).click();
        await page.getByRole('grid', { name: 'Nodes' }).getByRole('row').filter({ hasText: 'web-9' }).click();
        await page.getByRole('region', { name: 'Node details' }).getByText('node heartbeat missed').waitFor();
        await check(page, `nodes-${scheme}-${width}`);
        await page.getByRole('tab', { name: 'Agent' }).click();
        await panel.getByRole('heading', { name: 'Agent' }).waitFor();
        await panel.getByText('server-1.global').first().waitFor();
        await check(page, `agent-${scheme}-${width}`);
        await page.getByRole('tab', { name: 'Timeline' }).click();
        await panel.getByRole('heading', { name: 'Timeline' }).waitFor();
        await panel.getByText('leader changed to server-1.global').waitFor();
        await check(page, `timeline-${scheme}-${width}`);
        await page.getByRole('tab', { name: 'Settings' }).click();
        await page
          .getByRole('region', { name: 'Settings' })
          .getByRole('group', { name: 'Production' })
          .waitFor();
        await check(page, `settings-${scheme}-${width}`);
        await page.context().close();
        expect(problems.splice(0)).toEqual([]);
        // Up to ten screenshots in real Chromium: a bound for a loaded machine, not a pace.
      }, 120_000);
    }
    it(`${scheme}: the tray's glance layout (360×480)`, async () => {
      const page = await open(scheme, { width: 360, height: 480 }, 'glance');
      await page.getByRole('list', { name: 'Problems of Staging' }).waitFor();
      await check(page, `glance-${scheme}`);
      await page.context().close();
      expect(problems.splice(0)).toEqual([]);
    }, 120_000);
  }
});
