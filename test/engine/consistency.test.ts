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
    const t = createConsistencyTracker({ everyNth: 3, convergeMs: 30_000 });
    expect([t.shouldSample(), t.shouldSample(), t.shouldSample(), t.shouldSample()]).toEqual([
      false,
      false,
      true,
      false,
    ]);
    expect([
      t.nextPeer(['a', 'b', 'c'], 'a'),
      t.nextPeer(['a', 'b', 'c'], 'a'),
      t.nextPeer(['a'], 'a'),
    ]).toEqual(['b', 'c', null]);
    t.record(0, ['x differs']);
    expect(t.persisting(30_000)).toEqual([]);
    t.record(20_000, ['x differs', 'y differs']);
    expect(t.persisting(31_000)).toEqual(['servers disagree for 31 s: x differs']);
    t.record(40_000, []);
    expect(t.persisting(100_000)).toEqual([]);
  });
});

describe('a cluster runtime with two addresses, against servers whose views disagree', () => {
  let sim: SimCluster | null = null;
  afterEach(async () => {
    await sim?.close();
  });

  it('reports the disagreement once it outlasts convergence, and stops after the servers converge', async () => {
    sim = await startCluster({ serversPerRegion: 3 });
    const s = sim;
    s.setView('server-2', 'server-3', 'failed');
    const settings: ClusterSettings = {
      id: 'c',
      name: 'c',
      addresses: [s.agent('server-1').url, s.agent('server-2').url],
      tls: { skipVerify: false },
      token: { source: 'none' },
      pollIntervalMs: 60_000,
      enabled: true,
      notifications: { muted: false, only: [], never: [] },
    };
    const seen: ClusterSnapshot[] = [];
    const rt = createClusterRuntime(settings, {
      clientFactory: (cluster, index, token) => createNomadClient(clientOptionsFor(cluster, token, index)),
      tokenFor: () => Promise.resolve({ ok: true, value: undefined }),
      timers: {
        now: () => Date.now(),
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      },
      random: () => 0.5,
      log: () => undefined,
      onSnapshot: (_rt, snap) => seen.push(snap),
      consistency: { everyNth: 1, convergeMs: 0 },
    });
    try {
      await rt.poller?.pollNow();
      await new Promise((r) => setTimeout(r, 20));
      await rt.poller?.pollNow();
      const last = seen.at(-1);
      const want = `server-3.global is alive per ${settings.addresses[0]} but failed per ${settings.addresses[1]}`;
      expect(last?.disagreements?.some((d) => d.endsWith(want))).toBe(true);
      const state = clusterState({
        snapshot: last ?? null,
        lastGood: last ?? null,
        now: last?.time ?? 0,
        intervalMs: 60_000,
        staleAfterIntervals: 3,
        paused: false,
      });
      expect(state.state).toBe('degraded');
      expect(state.reasons.some((r) => r.startsWith('servers disagree for') && r.endsWith(want))).toBe(true);
      s.converge();
      await rt.poller?.pollNow();
      expect(seen.at(-1)?.disagreements).toBeUndefined();
    } finally {
      rt.poller?.stop();
      await rt.close();
    }
  });
});
