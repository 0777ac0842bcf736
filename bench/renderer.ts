/**
 * Renderer in Chromium: builds the renderer (electron-vite), serves out/renderer from a tiny static server on
 * 127.0.0.1, injects a fake `window.nomadTray` with one cluster of 5,000 members (its view, then its member list
 * asked for on demand, as the real window does; each channel's answer is fetched when asked for, as each IPC
 * answer travels on its own), and measures the first render of the members table and the filter keystroke →
 * next frame latency (performance.now() in the page).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Member, WireClusterView as ClusterView } from '../common/domain.js';
import { GlobalSettingsSchema } from '../common/settings-schema.js';
import { toMember } from '../main/core/nomad/wire.js';
import { fakeApiScript, serveRenderer } from '../test/support/fake-window.js';
import type { FakeCall } from '../test/support/fake-window.js';
import { probeScript } from './renderer-page.js';
import type { PageProbe } from './renderer-page.js';
import { median } from './util.js';

export interface RendererResult {
  members: number;
  /** First table row since navigation start (load + parse + validate + render). */
  firstRenderMs: number;
  /** First table row since the renderer asked for the cluster list (validate + render only). */
  renderAfterDataMs: number;
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
    'members:list': { time: now, members: makeMembers(members) },
    'settings:get': settingsView(),
    'history:list': [],
  };
  return new Map(
    Object.entries(answers).map(([channel, answer]) => [
      `${ANSWERS}/${encodeURIComponent(channel)}`,
      JSON.stringify(answer),
    ]),
  );
}

/** Builds (unless `build` is false and a build exists) and measures; null when Chromium is missing. */
export async function rendererBench(members = 5_000, build = true): Promise<RendererResult | null> {
  if (!existsSync(CHROMIUM)) return null;
  const root = join(process.cwd(), 'out', 'renderer');
  if (build || !existsSync(join(root, 'index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' });
  }
  const site = await serveRenderer(root, benchAnswers(members));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const script = fakeApiScript({ answersUrl: ANSWERS, unscripted: 'unsupported' });
    const firsts: number[] = [];
    const afterData: number[] = [];
    const keys: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript({ content: script });
      await page.addInitScript({ content: probeScript() });
      await page.goto(site.url);
      await page.waitForFunction(
        () => (window as unknown as { __probe: PageProbe }).__probe.firstRowMs !== null,
        null,
        {
          timeout: 30_000,
        },
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
      const calls = await page.evaluate(() => (window as unknown as { calls: FakeCall[] }).calls);
      const listAsked = calls.find((c) => c.channel === 'clusters:list')?.at;
      if (probe.firstRowMs !== null) firsts.push(probe.firstRowMs);
      if (probe.firstRowMs !== null && listAsked !== undefined) afterData.push(probe.firstRowMs - listAsked);
      keys.push(...probe.keystrokes);
      await page.close();
    }
    return {
      members,
      firstRenderMs: median(firsts),
      renderAfterDataMs: median(afterData),
      keystrokeMs: median(keys),
      keystrokeMaxMs: Math.max(...keys),
      keystrokes: keys.length,
    };
  } finally {
    await browser.close();
    await site.close();
  }
}
