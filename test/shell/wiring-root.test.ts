import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../main/core/notify/index.js';
import type { NotificationClassLike, NotificationOptionsLike } from '../../main/shell/notifier-electron.js';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../main/core/web/index.js';
import { buildNotifier } from '../../main/shell/root/notifier.js';
import { bootPaths } from '../../main/shell/root/paths.js';
import { readCloseToTray } from '../../main/shell/root/settings-bridge.js';
import { CLOSE_HINT_MARKER, createTellOnce } from '../../main/shell/root/tell-once.js';
import { SettingsSchema } from '../../common/settings-schema.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const base = {
  appPath: '/opt/nomad-tray/resources/app.asar',
  resourcesPath: '/opt/nomad-tray/resources',
  userData: '/home/u/.config/Nomad Tray',
  mainDir: '/opt/nomad-tray/resources/app.asar/out/main',
};

describe('bootPaths', () => {
  it('packaged: app:// entry, icons from resources, config in userData, dev URL ignored', () => {
    const p = bootPaths({ ...base, isPackaged: true, env: { ELECTRON_RENDERER_URL: 'http://evil.example' } });
    expect(p.entryUrl).toBe(APP_ENTRY_URL);
    expect(p.appOrigin).toBe(APP_ORIGIN);
    expect(p.configDir).toBe(base.userData);
    expect(p.trayIconDir).toBe('/opt/nomad-tray/resources/tray');
    expect(p.preloadPath).toBe('/opt/nomad-tray/resources/app.asar/out/preload/index.cjs');
    expect(p.rendererDir).toBe('/opt/nomad-tray/resources/app.asar/out/renderer');
  });

  it('development: the dev server is the entry and the only trusted origin; NOMAD_TRAY_CONFIG_DIR wins', () => {
    const p = bootPaths({
      ...base,
      appPath: '/src/nomad-tray',
      isPackaged: false,
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5173', NOMAD_TRAY_CONFIG_DIR: '/tmp/cfg' },
    });
    expect(p.entryUrl).toBe('http://localhost:5173');
    expect(p.appOrigin).toBe('http://localhost:5173');
    expect(p.configDir).toBe('/tmp/cfg');
    expect(p.notifyIconDir).toBe('/src/nomad-tray/assets/notify');
  });
});

describe('createTellOnce', () => {
  it('shows the hint once per config directory, across restarts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nomad-tray-once-'));
    dirs.push(dir);
    let shown = 0;
    const first = createTellOnce(dir, () => shown++);
    await first();
    await first();
    expect(shown).toBe(1);
    expect(existsSync(path.join(dir, CLOSE_HINT_MARKER))).toBe(true);
    await createTellOnce(dir, () => shown++)(); // next run
    expect(shown).toBe(1);
  });
});

describe('settings bridge', () => {
  it('reads closeToTray through settings:get, defaulting to true when unreadable', async () => {
    const settings = SettingsSchema.parse({ schemaVersion: 1, clusters: [], global: { closeToTray: false } });
    const view = { settings, tokens: {}, configDir: '/c', problems: [] };
    expect(await readCloseToTray({ dispatch: async () => ({ ok: true, value: view }) })).toBe(false);
    const broken = { ok: false as const, error: { kind: 'internal' as const, message: 'x' } };
    expect(await readCloseToTray({ dispatch: async () => broken })).toBe(true);
  });
});

describe('buildNotifier', () => {
  it('records every notice (e2e hook) and falls back to Electron on Linux when notify-send fails', async () => {
    const shown: NotificationOptionsLike[] = [];
    class FakeNotification {
      static isSupported = () => true;
      constructor(readonly options: NotificationOptionsLike) {}
      on() {
        return this;
      }
      show() {
        shown.push(this.options);
      }
    }
    const recorded: Notice[] = [];
    const logs: string[] = [];
    const notifier = buildNotifier({
      platform: 'linux',
      Notification: FakeNotification as unknown as NotificationClassLike,
      iconDir: '/res/notify',
      onClick: () => undefined,
      log: (m) => logs.push(m),
      record: (n) => recorded.push(n),
    });
    const notice: Notice = {
      clusterId: 'prod',
      title: 'server-2 failed',
      body: 'b',
      severity: 'critical',
      events: [],
    };
    // PATH without notify-send: node-notifier fails, Electron's Notification shows it.
    const savedPath = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      const result = await notifier.notify(notice);
      expect(result.ok).toBe(true);
    } finally {
      process.env['PATH'] = savedPath;
    }
    expect(recorded).toEqual([notice]);
    expect(shown).toEqual([
      expect.objectContaining({
        title: 'server-2 failed',
        urgency: 'critical',
        icon: '/res/notify/critical.png',
      }),
    ]);
  });
});
