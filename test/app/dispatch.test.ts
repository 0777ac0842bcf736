/**
 * The app core against the real simulator: every invoke channel through dispatch(), push events, and the
 * promise that a token set through the window never comes back out (envelopes, events, history, logs).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireClusterView } from '../../common/domain.js';
import type { Member, NomadNode } from '../../common/nomad-domain.js';
import { INVOKE_CHANNELS } from '../../common/ipc-contract.js';
import { inDefaultOrder } from '../../common/member-order.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { startCluster } from '../nomad-sim/index.js';
import type { CoreHarness } from './helpers.js';
import { openCore, settingsFile, startCore, waitFor } from './helpers.js';

let sim: SimCluster;
let h: CoreHarness;

async function list(): Promise<WireClusterView[]> {
  const answer = await h.core.dispatch('clusters:list', {});
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as WireClusterView[];
}

/** The window's on-demand read of one cluster's members, with the poll it comes from. */
async function members(): Promise<{ time: number | null; members: Member[] | null }> {
  const answer = await h.core.dispatch('members:list', { clusterId: 'sim' });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as { time: number | null; members: Member[] | null };
}

beforeAll(async () => {
  sim = await startCluster({ serversPerRegion: 3, clients: 1 });
  h = await startCore(settingsFile([{ id: 'sim', addresses: [sim.agent('server-1').url] }]));
});

afterAll(async () => {
  await h.close();
  await sim.close();
});

describe('app core dispatch', () => {
  it('members:list shows the simulator members once polled; views and pushes carry no member list', async () => {
    await waitFor('healthy', async () => (await list()).find((v) => v.state === 'healthy'));
    const answer = await waitFor('members', async () => {
      const m = await members();
      return m.members?.length === 3 ? m : undefined;
    });
    expect(answer.members?.map((m) => m.name).sort()).toEqual(sim.memberNames().sort());
    expect(answer.members?.filter((m) => m.leader)).toHaveLength(1);
    const [view] = await list();
    expect(view?.snapshot && 'members' in view.snapshot).toBe(false);
    expect(typeof answer.time).toBe('number');
    const pushed = h.pushed
      .filter((p) => p.startsWith('{"name":"clusters:changed"'))
      .map((p) => (JSON.parse(p) as { payload: WireClusterView[] }).payload);
    expect(pushed.length).toBeGreaterThan(0);
    expect(pushed.flat().some((v) => v.snapshot !== null && 'members' in v.snapshot)).toBe(false);
  });

  it('members:list of an unknown cluster is an unknown-cluster error', async () => {
    const answer = await h.core.dispatch('members:list', { clusterId: 'nope' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'unknown-cluster' } });
  });

  it('members:list with a limit answers the first members in the default order and the total', async () => {
    const whole = await members();
    const page = await h.core.dispatch('members:list', { clusterId: 'sim', limit: 2 });
    if (!page.ok || !whole.members) throw new Error('no member list');
    // The whole list comes in the default order too, with its total.
    expect(whole.members).toEqual(inDefaultOrder(whole.members));
    expect((whole as { total?: number }).total).toBe(whole.members.length);
    expect(page.value).toEqual({ time: whole.time, members: whole.members.slice(0, 2), total: 3 });
    const more = await h.core.dispatch('members:list', { clusterId: 'sim', limit: 20_000 });
    expect(more).toMatchObject({ ok: true, value: { members: whole.members, total: 3 } });
  });

  it('members:list refuses a limit that is not a whole number from 1 to the member cap', async () => {
    for (const limit of [-1, 0, 1.5, 20_001, 1e300, Number.NaN, Infinity, '2', null, [2], { valueOf: 2 }]) {
      const answer = await h.core.dispatch('members:list', { clusterId: 'sim', limit } as never);
      expect(answer, String(limit)).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    }
  });

  it("nodes:list answers the node watcher's list with its time; a node-down shows in the next answer", async () => {
    const nodes = async () => {
      const answer = await h.core.dispatch('nodes:list', { clusterId: 'sim' });
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value as { time: number; nodes: NomadNode[] } | null;
    };
    const first = await waitFor('nodes', async () => {
      const n = await nodes();
      return n !== null && n.nodes.length === sim.nodeNames().length ? n : undefined;
    });
    expect(first.nodes.map((n) => n.name).sort()).toEqual(sim.nodeNames().sort());
    expect(typeof first.time).toBe('number');
    const name = sim.nodeNames()[0] ?? '';
    sim.setNodeStatus(name, 'down', 'missed heartbeats');
    const after = await waitFor('the node down in the list', async () => {
      const n = await nodes();
      return n?.nodes.find((x) => x.name === name && x.status === 'down');
    });
    expect(after.statusDescription).toBe('missed heartbeats');
    sim.setNodeStatus(name, 'ready');
    const unknown = await h.core.dispatch('nodes:list', { clusterId: 'nope' });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'unknown-cluster' } });
    const bad = await h.core.dispatch('nodes:list', { clusterId: '__proto__', extra: 1 } as never);
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
  });

  it('app:ready reports the mode and memory-only token storage', async () => {
    const answer = await h.core.dispatch('app:ready', {});
    expect(answer).toEqual({
      ok: true,
      value: {
        mode: 'browser',
        version: '0.0.0-test',
        secretStorage: 'memory-only',
        platform: 'linux',
        osNotifications: true,
      },
    });
  });

  it('force-leave with prune, then join, round-trips through the simulator', async () => {
    const target = sim.agent('server-3');
    sim.fail('server-3');
    const left = await h.core.dispatch('members:forceLeave', {
      clusterId: 'sim',
      node: target.fullName,
      prune: true,
    });
    expect(left.ok).toBe(true);
    if (!left.ok) return;
    const value = left.value as { before: { status: string } | null; after: unknown };
    expect(value.before?.status).toBe('failed');
    expect(value.after).toBeNull();
    expect(sim.memberStatus(target.fullName)).toBeNull();

    const joined = await h.core.dispatch('members:join', { clusterId: 'sim', addresses: [target.serfAddr] });
    expect(joined.ok).toBe(true);
    if (!joined.ok) return;
    const j = joined.value as {
      result: { numJoined: number };
      after: Array<{ name: string; status: string }>;
    };
    expect(j.result.numJoined).toBe(1);
    expect(j.after.find((m) => m.name === target.fullName)?.status).toBe('alive');

    const history = await h.core.dispatch('history:list', { clusterId: 'sim' });
    expect(history.ok && (history.value as Array<{ type: string }>).map((e) => e.type)).toEqual(
      expect.arrayContaining(['action-force-leave', 'action-join']),
    );
  });

  it('a failure reaches the window as clusters:changed and events:changed', async () => {
    const before = h.pushed.length;
    sim.fail('server-2');
    await waitFor('failed member pushed', () =>
      h.pushed.slice(before).some((p) => p.includes('"events:changed"') && p.includes('server-2')),
    );
    await waitFor('failed member listed', async () =>
      (await members()).members?.some((m) => m.shortName === 'server-2' && m.status === 'failed'),
    );
    const view = await waitFor('degraded view', async () =>
      (await list()).find((v) => v.state !== 'healthy'),
    );
    expect(view.reasons.join(' ')).toContain('server-2');
    sim.recover('server-2');
  });

  it('agent:self, agent:servers (wrong role on a server) and history:exportMarkdown answer', async () => {
    const self = await h.core.dispatch('agent:self', { clusterId: 'sim' });
    expect(self.ok).toBe(true);
    // /v1/agent/servers is client-only: asked of a server agent, Nomad answers 501 (kind wrong-role).
    const servers = await h.core.dispatch('agent:servers', { clusterId: 'sim' });
    expect(servers).toMatchObject({ ok: false, error: { kind: 'wrong-role' } });
    const md = await h.core.dispatch('history:exportMarkdown', {});
    expect(md.ok && typeof md.value === 'string' && md.value.length > 0).toBe(true);
    const unknown = await h.core.dispatch('agent:self', { clusterId: 'nope' });
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'unknown-cluster' } });
  });

  it('settings:save persists, pushes settings:changed and survives a reload', async () => {
    const got = await h.core.dispatch('settings:get', {});
    if (!got.ok) throw new Error(got.error.message);
    const view = got.value as { settings: { clusters: Array<{ pollIntervalMs: number }> } };
    const next = structuredClone(view.settings);
    const first = next.clusters[0];
    if (!first) throw new Error('no cluster');
    first.pollIntervalMs = 700;
    const before = h.pushed.length;
    const saved = await h.core.dispatch('settings:save', { settings: next });
    expect(saved.ok).toBe(true);
    expect(h.pushed.slice(before).some((p) => p.startsWith('{"name":"settings:changed"'))).toBe(true);
    const onDisk = JSON.parse(await readFile(path.join(h.dir, 'settings.json'), 'utf8')) as typeof next;
    expect(onDisk.clusters[0]?.pollIntervalMs).toBe(700);

    const again = await openCore(h.dir);
    try {
      const reread = await again.core.dispatch('settings:get', {});
      expect(reread.ok && (reread.value as typeof view).settings.clusters[0]?.pollIntervalMs).toBe(700);
    } finally {
      await again.close();
    }
  });

  it('settings:save turns start at login on through the shell; a refused autostart is logged, the save stands', async () => {
    const calls: boolean[] = [];
    let refusal: string | null = null;
    const autostart = {
      setEnabled: async (on: boolean) => {
        calls.push(on);
        return refusal === null
          ? { ok: true as const, value: undefined }
          : { ok: false as const, error: refusal };
      },
    };
    const other = await openCore(h.dir, {}, false, { autostart });
    try {
      const toggle = async (on: boolean) => {
        const got = await other.core.dispatch('settings:get', {});
        if (!got.ok) throw new Error(got.error.message);
        const next = structuredClone(
          (got.value as { settings: { global: { startAtLogin: boolean } } }).settings,
        );
        next.global.startAtLogin = on;
        return other.core.dispatch('settings:save', { settings: next });
      };
      expect((await toggle(true)).ok).toBe(true);
      refusal = 'read-only home';
      const saved = await toggle(false);
      expect(
        saved.ok && (saved.value as { settings: { global: { startAtLogin: boolean } } }).settings.global,
      ).toMatchObject({ startAtLogin: false });
      expect(calls).toEqual([true, false]);
      expect(other.logs).toContain('autostart: read-only home');
    } finally {
      await other.close();
    }
  });

  it('notifications:test goes through every delivery and says how the OS notification went', async () => {
    const before = h.pushed.length;
    expect(await h.core.dispatch('notifications:test', {})).toEqual({ ok: true, value: { os: 'shown' } });
    expect(h.notifier.notices.at(-1)?.title).toBe('Nomad Tray');
    h.notifier.failWith('no notification daemon');
    const failed = await h.core.dispatch('notifications:test', {});
    h.notifier.failWith(null);
    expect(failed).toEqual({ ok: true, value: { os: 'failed', osError: 'no notification daemon' } });
    const decided = h.pushed
      .slice(before)
      .map((p) => JSON.parse(p) as { name: string; payload: { test: boolean; os: string } })
      .filter((p) => p.name === 'notifications:decided');
    expect(decided.map((d) => [d.payload.test, d.payload.os])).toEqual([
      [true, 'shown'],
      [true, 'failed'],
    ]);
  });

  it('app:openExternal refuses non-https links and is unsupported without an opener', async () => {
    const bad = await h.core.dispatch('app:openExternal', { url: 'javascript:alert(1)' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    const good = await h.core.dispatch('app:openExternal', { url: 'https://developer.hashicorp.com/nomad' });
    expect(good).toMatchObject({ ok: false, error: { kind: 'unsupported' } });
  });

  it('app:openExternal hands https links to the opener and says when it failed', async () => {
    const asked: string[] = [];
    let failure: string | null = null;
    const openExternal = async (url: string) => {
      asked.push(url);
      return failure === null
        ? { ok: true as const, value: undefined }
        : { ok: false as const, error: failure };
    };
    const desktop = await openCore(h.dir, {}, false, { openExternal });
    try {
      const url = 'https://developer.hashicorp.com/nomad';
      expect(await desktop.core.dispatch('app:openExternal', { url })).toEqual({ ok: true, value: null });
      failure = 'xdg-open could not be started';
      expect(await desktop.core.dispatch('app:openExternal', { url })).toEqual({
        ok: false,
        error: {
          kind: 'internal',
          message: 'Opening the link failed unexpectedly: xdg-open could not be started',
        },
      });
      expect(asked).toEqual([url, url]);
    } finally {
      await desktop.close();
    }
  });

  it('app:openWindow is unsupported in browser mode and opens the full window on a cluster in the desktop app', async () => {
    expect(await h.core.dispatch('app:openWindow', {})).toMatchObject({
      ok: false,
      error: { kind: 'unsupported' },
    });
    const opened: (string | null)[] = [];
    const desktop = await openCore(h.dir, {}, false, { openWindow: (id) => opened.push(id) });
    try {
      expect(await desktop.core.dispatch('app:openWindow', { clusterId: 'sim' })).toEqual({
        ok: true,
        value: null,
      });
      expect(await desktop.core.dispatch('app:openWindow', {})).toEqual({ ok: true, value: null });
      const hostile = await desktop.core.dispatch('app:openWindow', { clusterId: 'sim', extra: 1 });
      expect(hostile).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
      expect(opened).toEqual(['sim', null]);
    } finally {
      await desktop.core.stop();
    }
  });

  it('pushes app:heartbeat with its interval', async () => {
    const beating = await openCore(h.dir, {}, false, { heartbeatMs: 100 });
    try {
      const beat = await waitFor('a heartbeat', () =>
        beating.pushed.find((p) => p.includes('"app:heartbeat"')),
      );
      expect(JSON.parse(beat)).toEqual({ name: 'app:heartbeat', payload: { intervalMs: 100 } });
    } finally {
      await beating.core.stop();
    }
  });

  it('every channel answers an envelope for an empty request, and never throws', async () => {
    for (const channel of INVOKE_CHANNELS) {
      const answer = await h.core.dispatch(channel, undefined);
      expect(typeof answer.ok).toBe('boolean');
      if (!answer.ok) expect(answer.error.message.length).toBeGreaterThan(0);
    }
  });
});
