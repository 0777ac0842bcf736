/**
 * Integration: a REAL notification daemon (dunst) on a private X display (Xvfb) and a private D-Bus session,
 * observed with dbus-monitor. Proves the whole path Notice → node-notifier → notify-send → D-Bus Notify → daemon.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import type { Notice } from '../../main/core/monitor/types.js';

const TOOLS = ['dunst', 'xvfb-run', 'Xvfb', 'dbus-run-session', 'dbus-monitor', 'dbus-send', 'notify-send'];
const missing =
  process.platform === 'linux'
    ? TOOLS.filter((t) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', t]).status !== 0)
    : TOOLS;
const skipReason =
  process.platform !== 'linux'
    ? 'skipped because the dunst integration test needs Linux'
    : `skipped because ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed: ` +
      'apt-get install -y --no-install-recommends dunst libnotify-bin dbus-x11 dbus-daemon dbus-bin xvfb xauth';
if (missing.length > 0) console.warn(`test/notify/dunst.test.ts: ${skipReason}`);

const here = path.dirname(fileURLToPath(import.meta.url));
const runner = path.join(here, 'fixtures', 'run-with-dunst.sh');
const sender = path.join(here, 'fixtures', 'send.ts');
/** A 1×1 PNG, so the notification carries a real icon file. */
const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const started: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const child of started) {
    // The session runs in its own process group: end all of it (daemon, monitor, Xvfb, bus) if still running.
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
});

function runSession(out: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('dbus-run-session', ['--', 'xvfb-run', '-a', 'bash', runner, out, ...args], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    started.push(child);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/**
 * Sends `notices` in order through the real notifier in one session; returns the run's context (for failure
 * messages) and the replaces_id of each Notify call the daemon received.
 */
async function sendAll(notices: unknown[]): Promise<{ code: number | null; context: string; ids: number[] }> {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'nomad-tray-dunst-'));
  dirs.push(out);
  const { code, stderr } = await runSession(out, [
    process.execPath,
    '--import',
    'tsx',
    sender,
    JSON.stringify(notices),
  ]);
  const read = (f: string): Promise<string> => fs.readFile(path.join(out, f), 'utf8').catch(() => '');
  const [monitor, command] = await Promise.all([read('monitor.log'), read('command.out')]);
  const context = `exit ${code}\nstderr:\n${stderr}\ncommand:\n${command}\nmonitor:\n${monitor}`;
  // Notify(app_name, replaces_id, …)
  const ids = [...monitor.matchAll(/member=Notify[^\n]*\n\s*string "Nomad Tray"\s*\n\s*uint32 (\d+)/g)].map(
    (m) => Number(m[1]),
  );
  return { code, context, ids };
}

describe('node-notifier against a real dunst daemon', () => {
  it.skipIf(missing.length > 0)(
    'a critical notice arrives as a D-Bus Notify call with app name, summary, body and urgency 2',
    async () => {
      const out = await fs.mkdtemp(path.join(os.tmpdir(), 'nomad-tray-dunst-'));
      dirs.push(out);
      const icon = path.join(out, 'critical.png');
      await fs.writeFile(icon, Buffer.from(PNG_1X1, 'base64'));
      const notice: Omit<Notice, 'events'> = {
        clusterId: 'prod',
        title: 'Production: server-2.global failed',
        body: 'server-2.global failed (was alive) · $HOME `id` stays literal · <b>all</b> & <a href=x>ok</a>\nfake',
        severity: 'critical',
      };
      // What the freedesktop sink must send: markup escaped, one line.
      const wireBody =
        'server-2.global failed (was alive) · $HOME `id` stays literal · &lt;b&gt;all&lt;/b&gt; &amp; &lt;a href=x&gt;ok&lt;/a&gt; fake';
      const { code, stderr } = await runSession(out, [
        process.execPath,
        '--import',
        'tsx',
        sender,
        JSON.stringify(notice),
        icon,
      ]);
      const read = (f: string): Promise<string> => fs.readFile(path.join(out, f), 'utf8').catch(() => '');
      const [monitor, dunst, command] = await Promise.all([
        read('monitor.log'),
        read('dunst.log'),
        read('command.out'),
      ]);
      const context = `exit ${code}\nstderr:\n${stderr}\ncommand:\n${command}\nmonitor:\n${monitor}\ndunst:\n${dunst}`;
      expect(code, context).toBe(0);
      expect(command).toContain('"ok":true');

      const call = monitor.slice(monitor.indexOf('member=Notify'));
      expect(call, context).toContain('member=Notify');
      // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout)
      expect(call).toContain('string "Nomad Tray"');
      expect(call).toContain(`string "${icon}"`);
      expect(call).toContain(`string "${notice.title}"`);
      expect(call).toContain(`string "${wireBody}"`);
      expect(call).toMatch(/string "urgency"\s+variant\s+byte 2/);
      expect(call).toMatch(/int32 0\s*$/m);

      expect(dunst).toContain("appname: 'Nomad Tray'");
      expect(dunst).toContain(`summary: '${notice.title}'`);
      expect(dunst).toContain(`body: '${wireBody}'`);
      expect(dunst).toContain('urgency: CRITICAL');
    },
  );

  it.skipIf(missing.length > 0)(
    'a resolution replaces the sticky critical notification it resolves (Notify with its replaces_id)',
    async () => {
      const notices = [
        {
          clusterId: 'prod',
          title: 'prod: quorum at risk in global',
          body: 'global: 2/3 servers alive, can lose 0',
          severity: 'critical',
          tag: 'quorum:prod:global',
        },
        {
          clusterId: 'prod',
          title: 'prod: quorum restored in global',
          body: 'resolves quorum at risk in global',
          severity: 'info',
          resolves: ['quorum:prod:global'],
        },
      ];
      const { code, context, ids } = await sendAll(notices);
      expect(code, context).toBe(0);
      // The critical one is new (0), the resolution replaces it.
      expect(ids, context).toHaveLength(2);
      expect(ids[0]).toBe(0);
      expect(ids[1], context).toBeGreaterThan(0);
    },
  );
  it.skipIf(missing.length > 0)(
    'a resolution of two sticky notifications replaces one and closes the other (each replaces_id once)',
    async () => {
      const notices = [
        {
          clusterId: 'prod',
          title: 'prod: server-2.global failed',
          body: 'server-2.global failed (was alive)',
          severity: 'critical',
          tag: 'member:prod:server-2.global',
        },
        {
          clusterId: 'prod',
          title: 'prod: quorum at risk in global',
          body: 'global: 2/3 servers alive, can lose 0',
          severity: 'critical',
          tag: 'quorum:prod:global',
        },
        {
          clusterId: 'prod',
          title: 'prod: server-2.global alive again',
          body: 'resolves server-2.global failed, quorum at risk in global',
          severity: 'info',
          resolves: ['member:prod:server-2.global', 'quorum:prod:global'],
        },
      ];
      const { code, context, ids } = await sendAll(notices);
      expect(code, context).toBe(0);
      // Two new notifications (0), then the resolution and the closing copy, each replacing a different one.
      expect(ids, context).toHaveLength(4);
      expect(ids.slice(0, 2)).toEqual([0, 0]);
      expect(ids[2], context).toBeGreaterThan(0);
      expect(ids[3], context).toBeGreaterThan(0);
      expect(ids[2]).not.toBe(ids[3]);
    },
  );
});
