/**
 * Renderer in Chromium: builds the app (electron-vite), serves out/renderer from a tiny static server on
 * 127.0.0.1 with each page made as the desktop app's app:// handler makes it (its first screen rendered by the
 * built main bundle from one cluster of 5,000 members: the cluster list and a first page), injects a fake
 * `window.nomadTray` answering the same (each channel's answer fetched when asked for, as each IPC answer travels
 * on its own), and measures the first render of the members table and the filter keystroke → next frame latency
 * (performance.now() in the page). Beside the first render, in the same run and the same way: the harness's floor
 * (a blank page whose module script puts one row in the DOM at once), when the app had mounted over the first
 * screen, and the app's own part (its entry script's first line → mounted).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { WireClusterView as ClusterView } from '../common/domain.js';
import type { Member } from '../common/nomad-domain.js';
import { GlobalSettingsSchema } from '../common/settings-schema.js';
import { firstMembers, inDefaultOrder } from '../common/member-order.js';
import { toMember } from '../main/core/nomad/wire.js';
import { FIRST_PAGE } from '../renderer/lib/early.js';
import { fakeApiScript, serveRenderer } from '../test/support/fake-window.js';
import type { Site } from '../test/support/fake-window.js';
import { probeScript } from './renderer-page.js';
import type { withFirstScreen as FirstScreen } from '../renderer/first-screen.js';
import type { PageProbe } from './renderer-page.js';
import { median } from './util.js';

export interface RendererResult {
  members: number;
  /** First table row since navigation start: the first screen main rendered into the page. */
  firstRenderMs: number;
  /** Since navigation start until the app had mounted over it (its own rows in the DOM, the window live). */
  liveMs: number;
  /** The harness's floor: a blank page's one row since navigation start (same server, browser and probes). */
  floorMs: number;
  /** The app's own part: its entry script's first line (performance mark) → mounted. */
  windowMs: number;
  keystrokeMs: number;
  keystrokeMaxMs: number;
  keystrokes: number;
}

const CHROMIUM = '/usr/bin/chromium';
const ANSWERS = '/__bench-answers';

function makeMembers(n: number): Member[] {
  const members: Member[] = [];
  for (let i = 0; i < n; i += 1) {
    const region = ['global', 'eu', 'ap', 'us'][i % 4] ?? 'global';
    members.push({
      ...toMember({
        Name: `server-${i}.${region}`,
        Addr: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        Port: 4648,
        Tags: { region, dc: `dc${i % 3}`, port: '4647', build: '1.9.3', id: `id-${i}` },
        Status: i % 97 === 0 ? 'failed' : 'alive',
      }),
      leader: i < 4,
    });
  }
  return members;
}

function view(now: number): ClusterView {
  return {
    id: 'big',
    name: 'Big fleet',
    enabled: true,
    state: 'degraded',
    reasons: ['some servers failed'],
    quorum: [],
    lastPoll: now,
    lastGoodPoll: now,
    failingSince: null,
    paused: false,
    snoozed: null,
    pollIntervalMs: 10_000,
    snapshot: {
      clusterId: 'big',
      time: now,
      address: 'http://127.0.0.1:4646',
      reachable: true,
      error: null,
      health: { server: { ok: true, message: 'ok' } },
      leaders: [],
      agentRole: 'server',
      self: null,
    },
    timeline: [{ time: now, state: 'degraded' }],
  };
}

function settingsView(): unknown {
  return {
    settings: {
      schemaVersion: 1,
      clusters: [
        {
          id: 'big',
          name: 'Big fleet',
          addresses: ['http://127.0.0.1:4646'],
          tls: { skipVerify: false },
          token: { source: 'none' },
          pollIntervalMs: 10_000,
          enabled: true,
          notifications: { muted: false, only: [], never: [] },
        },
      ],
      global: GlobalSettingsSchema.parse({}),
    },
    tokens: { big: 'not set' },
    configDir: '/tmp/bench',
    problems: [],
  };
}

/**
 * The fake preload's scripted answers, served at `${ANSWERS}/<channel>` (JSON text each): one cluster of
 * `members` members.
 */
export function benchAnswers(members: number, now = Date.now()): Map<string, string> {
  const answers: Record<string, unknown> = {
    'app:ready': {
      mode: 'electron',
      version: '0.1.0',
      secretStorage: 'secure',
      platform: 'linux',
      osNotifications: true,
    },
    'clusters:list': [view(now)],

    'settings:get': settingsView(),
    'history:list': [],
  };
  const served = new Map(
    Object.entries(answers).map(([channel, answer]) => [
      `${ANSWERS}/${encodeURIComponent(channel)}`,
      JSON.stringify(answer),
    ]),
  );
  // As the core answers: the whole list in the default order, and the first page the window asks for first.
  const list = makeMembers(members);
  const path = `${ANSWERS}/${encodeURIComponent('members:list')}`;
  served.set(path, JSON.stringify({ time: now, members: inDefaultOrder(list), total: members }));
  const page = { time: now, members: firstMembers(list, FIRST_PAGE), total: members };
  served.set(`${path}?limit=${FIRST_PAGE}`, JSON.stringify(page));
  return served;
}

/**
 * Pages as the Electron shell serves them: with the first screen drawn by the built main bundle's render
 * (out/main/first-screen/, the one the app:// handler uses) from the same answers the fake preload gives.
 */
async function firstScreenPage(
  answers: Map<string, string>,
): Promise<(html: string, search: string) => Promise<string>> {
  const built = join(process.cwd(), 'out', 'main', 'first-screen', 'index.js');
  const { withFirstScreen } = (await import(pathToFileURL(built).href)) as {
    withFirstScreen: typeof FirstScreen;
  };
  const invoke = (channel: string, request: unknown) => {
    const limit = (request as { limit?: number }).limit;
    const path = `${ANSWERS}/${encodeURIComponent(channel)}${limit === undefined ? '' : `?limit=${limit}`}`;
    const body = answers.get(path);
    return Promise.resolve(
      body === undefined
        ? { ok: false as const, error: { kind: 'unsupported' as const, message: channel } }
        : { ok: true as const, value: JSON.parse(body) as unknown },
    );
  };
  return (html, search) => withFirstScreen(html, `app://renderer/index.html${search}`, invoke);
}

/** The harness's floor: a blank page whose module script puts one members-grid row in the DOM at once. */
async function floorSite(): Promise<{ site: Site; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="./assets/e.js"></script>' +
      '</head><body><div id="app"></div></body></html>',
  );
  writeFileSync(
    join(dir, 'assets', 'e.js'),
    'const g = document.createElement("div"); g.setAttribute("role", "grid"); const r = document.createElement("div");' +
      ' r.dataset.index = "0"; r.textContent = "row"; g.append(r); document.getElementById("app").append(g);',
  );
  return { site: await serveRenderer(dir), dir };
}

/** Builds (unless `build` is false and a build exists) and measures; null when Chromium is missing. */
export async function rendererBench(members = 5_000, build = true): Promise<RendererResult | null> {
  if (!existsSync(CHROMIUM)) return null;
  const root = join(process.cwd(), 'out', 'renderer');
  if (build || !existsSync(join(root, 'index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' });
  }
  const answers = benchAnswers(members);
  const site = await serveRenderer(root, answers, await firstScreenPage(answers));
  const floor = await floorSite();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const script = fakeApiScript({ answersUrl: ANSWERS, unscripted: 'unsupported' });
    /** A fresh page on `url` with the fake preload and the probes, once its first row is in the DOM. */
    const load = async (url: string) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript({ content: script });
      await page.addInitScript({ content: probeScript() });
      await page.goto(url);
      await page.waitForFunction(
        () => (window as unknown as { __probe: PageProbe }).__probe.firstRowMs !== null,
        null,
        { timeout: 30_000 },
      );
      return page;
    };
    const firsts: number[] = [];
    const lives: number[] = [];
    const floors: number[] = [];
    const windows: number[] = [];
    const keys: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      // The floor and the window in turn, so both see the same moment of a busy machine.
      const blank = await load(floor.site.url);
      const floorMs = await blank.evaluate(
        () => (window as unknown as { __probe: PageProbe }).__probe.firstRowMs,
      );
      if (floorMs !== null) floors.push(floorMs);
      await blank.close();
      const page = await load(site.url);
      // Keystrokes filter the whole list: wait until it replaced the first page (filters wait for it).
      await page.waitForFunction(
        (n) => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === String(n + 1),
        members,
        { timeout: 30_000 },
      );
      const input = page.getByLabel('Filter members');
      await input.click();
      for (const ch of 'server-4') {
        await page.keyboard.type(ch);
        await page.waitForTimeout(50);
      }
      await page.keyboard.press('Backspace');
      await page.waitForTimeout(50);
      const probe = await page.evaluate(() => (window as unknown as { __probe: PageProbe }).__probe);
      if (probe.firstRowMs !== null) firsts.push(probe.firstRowMs);
      if (probe.mountedMs !== null) lives.push(probe.mountedMs);
      if (probe.mountedMs !== null && probe.entryMs !== null) windows.push(probe.mountedMs - probe.entryMs);
      keys.push(...probe.keystrokes);
      await page.close();
    }
    return {
      members,
      firstRenderMs: median(firsts),
      liveMs: median(lives),
      floorMs: median(floors),
      windowMs: median(windows),
      keystrokeMs: median(keys),
      keystrokeMaxMs: Math.max(...keys),
      keystrokes: keys.length,
    };
  } finally {
    await browser.close();
    await site.close();
    await floor.site.close();
    rmSync(floor.dir, { recursive: true, force: true });
  }
}
