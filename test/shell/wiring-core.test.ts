import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterView } from '../../common/domain.js';
import type { Envelope, EventName } from '../../common/ipc-contract.js';
import { createAppCore, createMemorySecretStore } from '../../main/app/index.js';
import type { AppCore } from '../../main/app/index.js';
import { createRecordingNotifier } from '../support/recording-notifier.js';
import { createEventPump, registerIpc, trustedFrame } from '../../main/shell/adapters/ipc.js';
import type { IpcMainLike, InvokeEventLike } from '../../main/shell/adapters/ipc.js';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../main/core/web/index.js';
import { createTrayActions } from '../../main/shell/root/tray-actions.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';

/** Waits for a condition with a bounded poll loop (no sleeps as synchronisation). */
async function waitFor<T>(what: string, probe: () => T | undefined | null | false, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The main-process wiring of main.ts minus Electron: real core over a simulator, fake ipcMain, real pump. */
async function boot(): Promise<{
  sim: SimCluster;
  core: AppCore;
  call: (c: string, raw: unknown) => Promise<Envelope<unknown>>;
  sent: [EventName, unknown][];
}> {
  const sim = await startCluster({ serversPerRegion: 3 });
  cleanups.push(() => sim.close());
  const dir = mkdtempSync(path.join(tmpdir(), 'nomad-tray-wiring-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const core = await createAppCore({
    configDir: dir,
    env: { NOMAD_ADDR: sim.servers()[0]!.url },
    secrets: createMemorySecretStore(),
    notifier: createRecordingNotifier(),
    mode: 'electron',
    platform: 'linux',
    version: '0.0.0-test',
  });
  cleanups.push(() => core.stop());
  const handlers = new Map<string, (event: InvokeEventLike<string>, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike<string> = {
    handle: (channel, fn) => void handlers.set(channel, fn),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const sent: [EventName, unknown][] = [];
  const pump = createEventPump<string>({ send: (_w, name, payload) => sent.push([name, payload]) });
  pump.attach('window');
  core.onEvent((name, payload) => pump.publish(name, payload));
  registerIpc({ ipcMain, core, isTrustedSender: trustedFrame([APP_ORIGIN]), onReady: pump.ready });
  const call = async (channel: string, raw: unknown) => {
    const fn = handlers.get(channel);
    if (!fn) throw new Error(`no handler ${channel}`);
    const frame = { url: APP_ENTRY_URL, parent: null } as InvokeEventLike['senderFrame'];
    return (await fn({ senderFrame: frame, sender: 'window' }, raw)) as Envelope<unknown>;
  };
  return { sim, core, call, sent };
}

describe('main-process wiring with the real app core', () => {
  it('answers contract calls through ipcMain and pushes events only after app:ready', async () => {
    const { core, call, sent } = await boot();
    await waitFor('a first poll', () => core.views()[0]?.state === 'healthy');
    expect(sent).toEqual([]); // queued: the page has not said ready
    const ready = await call('app:ready', {});
    expect(ready).toMatchObject({ ok: true, value: { mode: 'electron', version: '0.0.0-test' } });
    const pushed = await waitFor('a clusters:changed push', () =>
      sent.find(([n]) => n === 'clusters:changed'),
    );
    expect((pushed[1] as ClusterView[])[0]?.id).toBe('default');
    const list = await call('members:list', { clusterId: 'default' });
    expect(list.ok && (list.value as { members: unknown[] | null }).members?.length).toBe(3);
    const bad = await call('agent:self', { clusterId: 'prod', extra: 1 });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
  });

  it('tray actions drive the core: pause shows the paused icon, resume and refresh bring health back', async () => {
    const { core } = await boot();
    const rendered: string[] = [];
    const opened: string[] = [];
    const tray = createTrayActions({
      core,
      platform: 'linux',
      render: (m) => rendered.push(m.icon),
      openWindow: () => opened.push('open'),
      quit: () => opened.push('quit'),
    });
    await waitFor('healthy', () => core.views()[0]?.state === 'healthy');
    expect(tray.refresh().icon).toBe('healthy');
    await tray.act('pause-monitoring');
    expect(tray.model().icon).toBe('paused');
    expect(tray.model().menu.map((i) => i.id)).toContain('resume-monitoring');
    await tray.act('resume-monitoring');
    await tray.act('refresh');
    expect(tray.refresh().icon).toBe('healthy');
    await tray.act('snooze:1h');
    expect(tray.model().menu.map((i) => i.id)).toContain('resume-notifications');
    await tray.act('resume-notifications');
    expect(tray.model().menu.map((i) => i.id)).toContain('snooze');
    await tray.act('open');
    await tray.act('cluster:default'); // a disabled status line: nothing happens
    await tray.act('quit');
    expect(opened).toEqual(['open', 'quit']);
    expect(rendered.length).toBeGreaterThanOrEqual(6);
  });

  it('"Start at login" goes through settings:save, so the setting flips', async () => {
    const { core } = await boot();
    const tray = createTrayActions({
      core,
      platform: 'linux',
      openWindow: () => undefined,
      quit: () => undefined,
    });
    expect(core.trayState().startAtLogin).toBe(false);
    await tray.act('start-at-login');
    expect(core.trayState().startAtLogin).toBe(true);
    expect(tray.model().menu.find((i) => i.id === 'start-at-login')?.checked).toBe(true);
  });
});
