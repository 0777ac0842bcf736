/**
 * Cross-server consistency: where a cluster has several addresses, another server's view is compared every Nth
 * poll, and a disagreement about members or leadership that outlasts gossip's convergence is reported (a degraded
 * reason). Proven with the simulator's per-server views.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../common/domain.js';
import type { ClusterSettings } from '../../common/settings-schema.js';
import { createClusterRuntime } from '../../main/core/engine/cluster.js';
import { compareViews, createConsistencyTracker } from '../../main/core/monitor/consistency.js';
import { clusterState } from '../../main/core/monitor/index.js';
import { createNomadClient } from '../../main/core/nomad/index.js';
import { clientOptionsFor } from '../../main/core/settings/index.js';
import { startCluster, type SimCluster } from '../nomad-sim/index.js';
import { leaderErr, leaderOk, makeServers } from '../support/builders.js';

describe('compareViews', () => {
  const a = { address: 'A', members: makeServers(3), leaders: { global: leaderOk('127.0.1.1:4647') } };
  it('agreeing views: no difference (an unknown leader is not a disagreement)', () => {
    expect(compareViews(a, { ...a, address: 'B' })).toEqual([]);
    expect(compareViews(a, { ...a, address: 'B', leaders: { global: leaderErr('http', 'x') } })).toEqual([]);
  });
  it('names each member and leader difference', () => {
    const b = {
      address: 'B',
      members: makeServers(2, 'global', (i) => (i === 2 ? { status: 'failed', statusRaw: 'failed' } : {})),
      leaders: { global: leaderOk('127.0.1.2:4647') },
    };
    expect(compareViews(a, b)).toEqual([
      'server-2.global is alive per A but failed per B',
      'server-3.global is alive per A but not listed per B',
      'the leader of global is 127.0.1.1:4647 per A but 127.0.1.2:4647 per B',
    ]);
  });
});

describe('createConsistencyTracker', () => {
  it('samples every Nth poll, rotates through the other addresses, reports only what outlasts convergeMs', () => {
    const t = createConsistencyTracker();
    const abc = ['a', 'b', 'c'];
    const polls = Array.from({ length: 7 }, () => t.peerToSample(abc, 'a'));
    expect(polls).toEqual([null, null, 'b', null, null, 'c', null]);
    expect([t.peerToSample(['a'], 'a'), t.peerToSample(['a'], 'a')]).toEqual([null, null]);
    // Every 3rd poll still (the 9th had no other address), rotating back to the first other address.
    expect([t.peerToSample(abc, 'a'), t.peerToSample(abc, 'a'), t.peerToSample(abc, 'a')]).toEqual([
      null,
      null,
      'b',
    ]);
    t.record(0, ['x differs']);
    expect(t.persisting(30_000)).toEqual([]);
    t.record(20_000, ['x differs', 'y differs']);
    expect(t.persisting(31_000)).toEqual(['servers disagree for 31 s: x differs']);
    t.record(40_000, []);
    expect(t.persisting(100_000)).toEqual([]);
  });
});

describe('a cluster runtime with two addresses, against servers whose views disagree (default cadence)', () => {
  let sim: SimCluster | null = null;
  afterEach(async () => {
    await sim?.close();
  });

  /**
   * The runtime as the app makes it (no consistency options: every 3rd good poll reads the other server, 30 s to
   * converge), a real simulator, and a clock the test moves. Timers never fire: each poll is one pollNow(), which
   * resolves when its snapshot is delivered.
   */
  async function runtimeOver(s: SimCluster) {
    let clock = 1_000_000;
    const settings: ClusterSettings = {
      id: 'c',
      name: 'c',
      addresses: [s.agent('server-1').url, s.agent('server-2').url],
      tls: { skipVerify: false },
      token: { source: 'none' },
      pollIntervalMs: 10_000,
      enabled: true,
      notifications: { muted: false, only: [], never: [] },
    };
    const seen: ClusterSnapshot[] = [];
    const rt = createClusterRuntime(settings, {
      clientFactory: (cluster, index, token) => createNomadClient(clientOptionsFor(cluster, token, index)),
      tokenFor: () => Promise.resolve({ ok: true, value: undefined }),
      timers: { now: () => clock, setTimeout: () => 0, clearTimeout: () => undefined },
      random: () => 0.5,
      log: () => undefined,
      onSnapshot: (_rt, snap) => seen.push(snap),
      onNodes: () => undefined,
    });
    /** One poll at `at` ms after the start: the state and reasons a user sees. */
    const pollAt = async (at: number): Promise<{ state: string; reasons: string[] }> => {
      clock = 1_000_000 + at;
      await rt.poller.pollNow();
      const last = seen.at(-1) ?? null;
      const st = clusterState({
        snapshot: last,
        lastGood: last,
        now: clock,
        intervalMs: 10_000,
        staleAfterIntervals: 3,
        paused: false,
      });
      return { state: st.state, reasons: st.reasons };
    };
    const close = async (): Promise<void> => {
      rt.poller.stop();
      await rt.close();
    };
    return { settings, pollAt, close };
  }

  it('a disagreement is degraded only once it outlasts 30 s, and clears when the servers converge', async () => {
    sim = await startCluster({ serversPerRegion: 3 });
    const s = sim;
    // server-2's own gossip view shows server-3 failed; server-1 (the address polled) sees it alive
    s.setView('server-2', 'server-3', 'failed');
    const { settings, pollAt, close } = await runtimeOver(s);
    const [a, b] = settings.addresses;
    const differs = `server-3.global is alive per ${a} but failed per ${b}`;
    try {
      const healthy = { state: 'healthy', reasons: [] };
      // polls 1-3 every 10 s: the 3rd reads server-2 (first seen at 20 s)
      expect([await pollAt(0), await pollAt(10_000), await pollAt(20_000)]).toEqual([
        healthy,
        healthy,
        healthy,
      ]);
      // 30 s after it was first seen is not yet longer than convergence
      expect([await pollAt(30_000), await pollAt(40_000), await pollAt(50_000)]).toEqual([
        healthy,
        healthy,
        healthy,
      ]);
      expect(await pollAt(51_000)).toEqual({
        state: 'degraded',
        reasons: [`servers disagree for 31 s: ${differs}`],
      });
      expect(await pollAt(80_000)).toEqual({
        state: 'degraded',
        reasons: [`servers disagree for 60 s: ${differs}`],
      });
      // the servers agree again: the next comparison (the 9th poll reads server-2 again) clears it
      s.converge();
      expect([await pollAt(90_000), await pollAt(100_000)]).toEqual([healthy, healthy]);
    } finally {
      await close();
    }
  });

  it('a disagreement gone by the next comparison (gossip converged) is never reported; one that stays is', async () => {
    sim = await startCluster({ serversPerRegion: 3 });
    const s = sim;
    // server-2 believes server-3 leads; server-1 (polled) knows it leads itself
    s.setViewLeader('server-2', 'server-3');
    const { settings, pollAt, close } = await runtimeOver(s);
    const [a, b] = settings.addresses;
    try {
      const states: string[] = [];
      for (const at of [0, 10_000, 20_000, 30_000, 40_000]) states.push((await pollAt(at)).state);
      s.converge();
      for (const at of [50_000, 60_000, 70_000]) states.push((await pollAt(at)).state);
      expect(states).toEqual(Array(8).fill('healthy'));
      // the same disagreement again, this time lasting: seen at 80 s, still there at 110 s, reported after that
      s.setViewLeader('server-2', 'server-3');
      for (const at of [80_000, 90_000, 100_000, 110_000]) expect((await pollAt(at)).state).toBe('healthy');
      expect(await pollAt(120_000)).toEqual({
        state: 'degraded',
        reasons: [
          `servers disagree for 40 s: the leader of global is ${s.agent('server-1').rpcAddr} per ${a} but ${s.agent('server-3').rpcAddr} per ${b}`,
        ],
      });
    } finally {
      await close();
    }
  });
});
