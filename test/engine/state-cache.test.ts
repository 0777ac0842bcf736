/**
 * The engine's memo of the displayed state answers exactly what clusterState would, at every moment: across the
 * stale boundary, for failed polls (whose wording names durations), when paused, and after a new snapshot.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../common/domain.js';
import type { Member } from '../../common/nomad-domain.js';
import { GlobalSettingsSchema } from '../../common/settings-schema.js';
import { createStateCache } from '../../main/core/engine/state-cache.js';
import { clusterState } from '../../main/core/monitor/index.js';
import type { ClusterStateInput as StateInput } from '../../main/core/monitor/index.js';
import { toMember } from '../../main/core/nomad/wire.js';

const GLOBAL = GlobalSettingsSchema.parse({});
const INTERVAL = 10_000;
const T0 = 1_700_000_000_000;

function server(i: number, status: string): Member {
  return toMember({
    Name: `s${i}.global`,
    Addr: `10.0.0.${i}`,
    Port: 4648,
    Tags: { region: 'global', dc: 'dc1', port: '4647', build: '1.9.3', expect: '3' },
    Status: status,
  });
}

function snapshot(time: number, members: Member[] | null): ClusterSnapshot {
  return {
    clusterId: 'c',
    time,
    address: 'http://127.0.0.1:4646',
    reachable: members !== null,
    error: members === null ? { kind: 'unreachable', message: 'connection refused' } : null,
    health: members === null ? null : { server: { ok: true, message: 'ok' } },
    members,
    leaders: members === null ? {} : { global: { ok: true, address: '10.0.0.1:4647' } },
    agentRole: members === null ? null : 'server',
    self: null,
  };
}

const direct = (i: StateInput) => clusterState(i);

describe('state memo', () => {
  const good = snapshot(T0, [server(1, 'alive'), server(2, 'alive'), server(3, 'failed')]);
  const failed = snapshot(T0 + 20_000, null);
  const staleAfter = GLOBAL.staleAfterIntervals * INTERVAL;

  it('equals clusterState at every moment, across the stale boundary and failed polls', () => {
    const cache = createStateCache();
    const steps: Array<Omit<StateInput, 'intervalMs' | 'staleAfterIntervals'>> = [
      { snapshot: null, lastGood: null, now: T0 - 1, paused: false },
      { snapshot: good, lastGood: good, now: T0, paused: false },
      { snapshot: good, lastGood: good, now: T0 + staleAfter - 1, paused: false },
      { snapshot: good, lastGood: good, now: T0 + staleAfter, paused: false },
      { snapshot: good, lastGood: good, now: T0 + staleAfter + 1, paused: false },
      { snapshot: good, lastGood: good, now: T0 + staleAfter + 90_000, paused: false },
      { snapshot: good, lastGood: good, now: T0 + 5, paused: true },
      { snapshot: failed, lastGood: good, now: T0 + 20_000, paused: false },
      { snapshot: failed, lastGood: good, now: T0 + 200_000, paused: false },
      { snapshot: failed, lastGood: null, now: T0 + 200_000, paused: false },
    ];
    for (const step of steps) {
      const input: StateInput = {
        ...step,
        intervalMs: INTERVAL,
        staleAfterIntervals: GLOBAL.staleAfterIntervals,
      };
      expect(cache.state(input)).toEqual(direct(input));
      expect(cache.state(input)).toEqual(direct(input));
    }
  });

  it('reuses the result while nothing it depends on changed, and recomputes for a new snapshot', () => {
    const cache = createStateCache();
    const at = (s: ClusterSnapshot, now: number): StateInput => ({
      snapshot: s,
      lastGood: s,
      now,
      intervalMs: INTERVAL,
      staleAfterIntervals: GLOBAL.staleAfterIntervals,
      paused: false,
    });
    const first = cache.state(at(good, T0));
    expect(first.state).toBe('critical'); // 2 of 3 alive: no margin left
    expect(cache.state(at(good, T0 + 1_000))).toBe(first);
    const next = snapshot(T0 + INTERVAL, [server(1, 'alive'), server(2, 'alive'), server(3, 'alive')]);
    expect(cache.state(at(next, T0 + INTERVAL)).state).toBe('healthy');
  });
});
