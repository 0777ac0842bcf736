import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorEvent } from '../../common/domain.js';
import { err } from '../../common/result.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { clusterSettings, harness, settingsWith, testClientFactory, waitFor } from './helpers.js';
import type { Harness } from './helpers.js';

let sims: SimCluster[] = [];
let h: Harness | null = null;
afterEach(async () => {
  await h?.monitor.stop();
  h = null;
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

async function sim(opts: Parameters<typeof startCluster>[0] = {}): Promise<SimCluster> {
  const s = await startCluster(opts);
  sims.push(s);
  return s;
}

const types = (events: MonitorEvent[]): string[] =>
  events.map((e) => `${e.type}${e.member ? ` ${e.member}` : ''}`);

describe('engine against the simulator', () => {
  it('baselines silently, then confirms a failure and its recovery, notifies, records history and updates views', async () => {
    const s = await sim({ serversPerRegion: 5 });
    h = harness(settingsWith([clusterSettings('prod', [s.servers()[0]?.url ?? ''])]));
    const { monitor, events, notices, history } = h;
    monitor.start();
    await waitFor('healthy view', () => monitor.views()[0]?.state === 'healthy');
    expect(events).toEqual([]);

    s.fail('server-2');
    await waitFor('member-failed', () => events.some((e) => e.type === 'member-failed'));
    // The displayed state is computed at read time (stale after 3 intervals): wait for it, a busy machine may
    // resume this test late.
    await waitFor('degraded', () => monitor.views()[0]?.state === 'degraded');
    s.recover('server-2');
    await waitFor('member-recovered', () => events.some((e) => e.type === 'member-recovered'));
    expect(types(events)).toEqual(['member-failed server-2.global', 'member-recovered server-2.global']);
    expect(history).toEqual(events);
    expect(notices.map((n) => n.severity)).toEqual(['warning', 'info']);
    const view = monitor.views()[0];
    expect(view?.timeline.map((p) => p.state)).toEqual(['healthy', 'degraded', 'healthy']);
    expect(view?.snapshot?.members).toHaveLength(5);
    expect(view?.lastGoodPoll).not.toBeNull();
  });

  it('reports an unreachable agent once (confirmed) and its recovery, failing over to the next address first', async () => {
    const s = await sim();
    const [a, b] = s.servers();
    h = harness(settingsWith([clusterSettings('prod', [a?.url ?? '', b?.url ?? ''])]));
    h.monitor.start();
    await waitFor('first poll', () => h?.monitor.views()[0]?.state === 'healthy');
    s.inject('server-1', { kind: 'stop' });
    // server-2 still answers: failover, no event
    await waitFor('failover', () => h?.monitor.views()[0]?.snapshot?.address === b?.url);
    s.inject('server-2', { kind: 'stop' });
    await waitFor('unreachable', () => h?.events.some((e) => e.type === 'cluster-unreachable'));
    await waitFor('unreachable state', () => h?.monitor.views()[0]?.state === 'unreachable');
    expect(h.monitor.views()[0]?.failingSince).not.toBeNull();
    s.clear('server-1');
    await waitFor('recovered', () => h?.events.some((e) => e.type === 'cluster-recovered'));
    expect(types(h.events)).toEqual(['cluster-unreachable', 'cluster-recovered']);
    expect(h.monitor.views()[0]?.snapshot?.address).toBe(a?.url);
  });

  it('a single failed poll never makes an event', async () => {
    const s = await sim();
    let calls = 0;
    let dropped = 0;
    // Deterministic single drop: the 4th members call of the cluster fails as unreachable.
    h = harness(settingsWith([clusterSettings('prod', [s.servers()[0]?.url ?? ''])]), {
      clientFactory: async (c, i, t) => {
        const real = await testClientFactory(c, i, t);
        if (!real.ok) return real;
        const client = real.value;
        return {
          ok: true,
          value: {
            ...client,
            address: client.address,
            members: (signal) => {
              calls += 1;
              if (calls === 4) {
                dropped += 1;
                return Promise.resolve(err({ kind: 'unreachable', message: 'dropped once' }));
              }
              return client.members(signal);
            },
          },
        };
      },
    });
    h.monitor.start();
    await waitFor('eight polls', () => calls >= 8);
    expect(dropped).toBe(1);
    expect(h.events).toEqual([]);
    expect(h.notices).toEqual([]);
  });

  it('force-leave refuses unknown and ambiguous names, expands a unique short name and records an audit event', async () => {
    const s = await sim({ regions: ['global', 'eu'], serversPerRegion: 2 });
    h = harness(settingsWith([clusterSettings('prod', [s.servers()[0]?.url ?? ''])]));
    h.monitor.start();
    const unknown = await h.monitor.forceLeave('prod', 'nope');
    expect(unknown.ok ? null : unknown.error.kind).toBe('unknown-member');
    s.fail('eu-server-2');
    const expanded = await h.monitor.forceLeave('prod', 'eu-server-2');
    expect(expanded.ok).toBe(true);
    if (expanded.ok) {
      expect(expanded.value.value.node).toBe('eu-server-2.eu');
      expect(expanded.value.value.before?.status).toBe('failed');
      expect(expanded.value.value.after?.status).toBe('left');
    }
    expect(h.history.filter((e) => e.type === 'action-force-leave').map((e) => e.member)).toEqual([
      'eu-server-2.eu',
    ]);
    const unknownCluster = await h.monitor.members('nope');
    expect(unknownCluster.ok ? null : unknownCluster.error.kind).toBe('unknown-cluster');
  });

  it('join reports Nomad answer and the members before and after', async () => {
    const s = await sim();
    h = harness(settingsWith([clusterSettings('prod', [s.servers()[0]?.url ?? ''])]));
    const target = s.agent('server-3').serfAddr;
    const joined = await h.monitor.join('prod', [target]);
    expect(joined.ok).toBe(true);
    if (joined.ok) {
      expect(joined.value.value.result.numJoined).toBe(1);
      expect(joined.value.value.after.map((m) => m.name)).toEqual(s.memberNames().slice().sort());
    }
    expect(h.history.map((e) => e.type)).toEqual(['action-join']);
  });

  it('folds every cluster going unreachable into one network-unavailable notice', async () => {
    const s1 = await sim({ serversPerRegion: 1 });
    const s2 = await sim({ serversPerRegion: 1 });
    h = harness(
      settingsWith([
        clusterSettings('one', [s1.servers()[0]?.url ?? '']),
        clusterSettings('two', [s2.servers()[0]?.url ?? '']),
      ]),
    );
    h.monitor.start();
    await waitFor('healthy', () => h?.monitor.views().every((v) => v.state === 'healthy'));
    s1.inject('server-1', { kind: 'stop' });
    s2.inject('server-1', { kind: 'stop' });
    await waitFor(
      'both confirmed',
      () => h && h.events.filter((e) => e.type === 'cluster-unreachable').length === 2,
    );
    await waitFor('notice', () => h && h.notices.length > 0);
    expect(h.notices.map((n) => n.type)).toEqual(['network-unavailable']);
  });

  it('pause shows paused; wake polls at once and still confirms changes made during sleep', async () => {
    const s = await sim();
    h = harness(settingsWith([clusterSettings('prod', [s.servers()[0]?.url ?? ''], 300)]));
    h.monitor.start();
    await waitFor('healthy', () => h?.monitor.views()[0]?.state === 'healthy');
    h.monitor.pause();
    expect(h.monitor.views()[0]?.state).toBe('paused');
    h.monitor.resume();
    h.monitor.suspend();
    s.fail('server-2');
    s.fail('server-3');
    const before = h.monitor.views()[0]?.lastPoll ?? 0;
    h.monitor.wake();
    await waitFor('poll after wake', () => (h?.monitor.views()[0]?.lastPoll ?? 0) > before);
    await waitFor(
      'failures confirmed',
      () => h && h.events.filter((e) => e.type === 'member-failed').length === 2,
    );
    expect(h.monitor.snooze('prod', '1h').ok).toBe(true);
    expect(typeof h.monitor.views()[0]?.snoozed).toBe('number');
  });
});

describe('engine settings and connection test', () => {
  it('updateSettings restarts a changed cluster, starts a new one and drops a removed one', async () => {
    const s1 = await sim({ serversPerRegion: 1 });
    const s2 = await sim({ serversPerRegion: 1 });
    const one = clusterSettings('one', [s1.servers()[0]?.url ?? '']);
    h = harness(settingsWith([one]));
    h.monitor.start();
    await waitFor('one healthy', () => h?.monitor.views()[0]?.state === 'healthy');
    h.monitor.updateSettings(
      settingsWith([clusterSettings('two', [s2.servers()[0]?.url ?? '']), { ...one, name: 'One renamed' }]),
    );
    await waitFor('both healthy', () => {
      const v = h?.monitor.views() ?? [];
      return v.length === 2 && v.every((x) => x.state === 'healthy') ? v : undefined;
    });
    expect(
      h.monitor
        .views()
        .map((v) => v.name)
        .sort(),
    ).toEqual(['One renamed', 'two']);
    h.monitor.updateSettings(settingsWith([clusterSettings('two', [s2.servers()[0]?.url ?? ''])]));
    expect(h.monitor.views().map((v) => v.id)).toEqual(['two']);
  });

  it('testConnection reports members, leader and version, or the error value', async () => {
    const s = await sim();
    h = harness(settingsWith([]));
    const good = await h.monitor.testConnection(clusterSettings('x', [s.servers()[0]?.url ?? '']));
    expect(good).toEqual({
      ok: true,
      value: {
        address: s.servers()[0]?.url,
        members: 3,
        leader: s.agent('server-1').rpcAddr,
        version: '1.9.3',
      },
    });
    const bad = await h.monitor.testConnection(clusterSettings('x', ['http://127.0.0.1:1']));
    expect(bad.ok ? null : bad.error.kind).toBe('unreachable');
    // Failover: a dead first address, the live one answers and is named.
    const second = s.servers()[1]?.url ?? '';
    const over = await h.monitor.testConnection(clusterSettings('x', ['http://127.0.0.1:1', second]));
    expect(over.ok ? over.value.address : over.error).toBe(second);
    const none = await h.monitor.testConnection(
      clusterSettings('x', ['http://127.0.0.1:1', 'http://127.0.0.1:2']),
    );
    expect(none.ok ? null : none.error.message).toMatch(
      /^no address answered: http:\/\/127\.0\.0\.1:1 \(.+\), http:\/\/127\.0\.0\.1:2 \(.+\)$/,
    );
  });
});
