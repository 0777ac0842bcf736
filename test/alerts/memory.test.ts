import { describe, expect, it } from 'vitest';
import type { MonitorEvent, MonitorEventType } from '../../common/domain.js';
import { decideNotifications, type PolicyMemory } from '../../main/core/alerts/index.js';
import { MAX_CLUSTERS, MAX_OPEN_PER_CLUSTER } from '../../main/core/alerts/memory.js';
import type { ClusterStateKind } from '../../common/domain.js';
import type { Notice, PolicyRound } from '../../main/core/monitor/types.js';
import { ctx, ev, MIN, round, settings, T0 } from './builders.js';

/** Small deterministic PRNG (mulberry32) so the long runs are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES: MonitorEventType[] = [
  'member-failed',
  'member-left',
  'member-recovered',
  'member-joined',
  'leader-lost',
  'leader-changed',
  'health-degraded',
  'health-recovered',
  'cluster-unreachable',
  'cluster-recovered',
  'auth-failed',
  'tls-failed',
  'quorum-at-risk',
  'flapping',
];
const STATES: ClusterStateKind[] = ['healthy', 'healthy', 'degraded', 'critical', 'unreachable', 'forbidden'];

/** A random round: clusters and member names churn (new ids keep appearing), all settings features on. */
function randomRound(rand: () => number, i: number): PolicyRound {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const now = T0 + i * MIN;
  const clusterIds = Array.from(
    { length: 1 + Math.floor(rand() * 4) },
    () => `c${Math.floor(i / 20) + Math.floor(rand() * 6)}`,
  );
  const ids = [...new Set(clusterIds)];
  const events: MonitorEvent[] = Array.from({ length: Math.floor(rand() * 6) }, () => {
    const clusterId = pick(ids);
    return ev(pick(TYPES), {
      clusterId,
      cluster: clusterId,
      time: now,
      member: rand() < 0.7 ? `m${Math.floor(rand() * 1e6)}.global` : undefined,
      region: pick(['global', 'eu', undefined]),
      severity: pick(['info', 'warning', 'critical'] as const),
    });
  });
  const snooze =
    rand() < 0.1
      ? {
          until: rand() < 0.5 ? now + MIN : ('until-recovered' as const),
          severityAtSnooze: 'warning' as const,
        }
      : null;
  return round({
    now,
    baseline: rand() < 0.02,
    utcOffsetMinutes: 60,
    settings: settings({
      reminderIntervalMs: 5 * MIN,
      quietHours: { enabled: true, start: '23:00', end: '06:00' },
    }),
    clusters: ids.map((id) => ctx(id, { state: pick(STATES), snooze })),
    events,
  });
}

function run(rounds: number, seed: number, viaJson: boolean) {
  const rand = prng(seed);
  let memory: PolicyMemory | null = null;
  const notices: Notice[][] = [];
  for (let i = 0; i < rounds; i++) {
    const d = decideNotifications(memory, randomRound(rand, i));
    notices.push(d.notices);
    memory = viaJson ? (JSON.parse(JSON.stringify(d.memory)) as unknown as PolicyMemory) : d.memory;
  }
  return { memory, notices };
}

describe('policy memory', () => {
  it('survives a JSON round-trip: same decisions whether memory is kept in process or reloaded each round', () => {
    const direct = run(1500, 7, false);
    const reloaded = run(1500, 7, true);
    expect(reloaded.notices).toEqual(direct.notices);
    expect(reloaded.memory).toEqual(direct.memory);
    expect(direct.notices.flat().length).toBeGreaterThan(0);
  });

  it('remembers only clusters the rounds were about, and only well-formed open problems', () => {
    const rand = prng(11);
    const seen = new Set<string>();
    let memory: PolicyMemory | null = null;
    // Violations are collected and asserted once (an expect per entry per round is slow on a busy machine).
    const strangers: string[] = [];
    const malformed: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const r = randomRound(rand, i);
      for (const c of r.clusters) seen.add(c.clusterId);
      memory = decideNotifications(memory, r).memory;
      for (const [id, c] of Object.entries(memory.clusters)) {
        if (!seen.has(id)) strangers.push(`round ${i}: cluster "${id}"`);
        for (const [key, p] of Object.entries(c.open)) {
          if (typeof p.at !== 'number') malformed.push(`round ${i}: ${id} ${key}`);
        }
      }
    }
    expect(strangers).toEqual([]);
    expect(malformed).toEqual([]);
  });

  // Rounds enough to pass every cap many times over (kept small: CI may run on a busy machine).
  it('stays bounded after 4,000 rounds of churning clusters and members', () => {
    const { memory } = run(4_000, 42, false);
    const m = memory as PolicyMemory;
    // About 200 cluster ids came and went: the cap was reached, not merely respected.
    expect(Object.keys(m.clusters).length).toBe(MAX_CLUSTERS);
    for (const c of Object.values(m.clusters)) {
      expect(Object.keys(c.open).length).toBeLessThanOrEqual(MAX_OPEN_PER_CLUSTER);
    }
    // Bound derived from the caps: each open problem is a short key plus two numbers.
    const perProblem = 120;
    const bound = MAX_CLUSTERS * (200 + MAX_OPEN_PER_CLUSTER * perProblem);
    expect(JSON.stringify(m).length).toBeLessThan(bound);
  });

  it('caps open problems of one cluster whose members keep failing for 2,000 rounds', () => {
    let memory: PolicyMemory | null = null;
    for (let i = 0; i < 2_000; i++) {
      const now = T0 + i * MIN;
      const events = [ev('member-failed', { member: `m${i}.global`, region: 'global', time: now })];
      memory = decideNotifications(
        memory,
        round({ now, events, clusters: [ctx('prod', { state: 'degraded' })] }),
      ).memory;
    }
    const open = Object.keys(memory?.clusters['prod']?.open ?? {});
    expect(open).toHaveLength(MAX_OPEN_PER_CLUSTER);
    // The newest problems are the ones kept.
    expect(open).toContain('member-failed|m1999.global|global');
  });

  it('never mutates the memory it was given', () => {
    const first = decideNotifications(
      null,
      round({ events: [ev('member-failed', { member: 's1.global' })] }),
    );
    const frozen = JSON.stringify(first.memory);
    decideNotifications(
      first.memory,
      round({ now: T0 + MIN, events: [ev('member-recovered', { member: 's1.global' })] }),
    );
    expect(JSON.stringify(first.memory)).toBe(frozen);
  });
});
