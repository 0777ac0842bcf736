import { describe, expect, it } from 'vitest';
import { decideNotifications } from '../../main/core/alerts/index.js';
import { sweepRounds } from '../../main/core/alerts/policy.js';
import { runRounds, ctx, ev, failed, HOUR, MIN, round, settings, T0, titles } from './builders.js';

const recovered = (member: string, t: number) =>
  ev('member-recovered', {
    member: `${member}.global`,
    region: 'global',
    from: 'failed',
    to: 'alive',
    time: t,
  });

describe('recovery is announced only after a notified problem', () => {
  it('notified failure → recovery announced once; a second recovery is silent', () => {
    const { perRound } = runRounds([
      round({ events: [failed('s1')] }),
      round({ now: T0 + MIN, events: [recovered('s1', T0 + MIN)] }),
      round({ now: T0 + 2 * MIN, events: [recovered('s1', T0 + 2 * MIN)] }),
    ]);
    expect(perRound.map(titles)).toEqual([['prod: s1 failed'], ['prod: s1 is alive again'], []]);
    expect(perRound[1]?.[0]?.body).toBe(
      's1.global, failed → alive, since 12:01; resolves “s1 failed” (12:00)',
    );
    expect(perRound[0]?.[0]?.tag).toBe('prod#member-failed|s1.global|global');
    expect(perRound[1]?.[0]?.resolves).toEqual(['prod#member-failed|s1.global|global']);
  });

  it('failure hidden by quiet hours → recovery after quiet hours is silent', () => {
    const quiet = settings({ quietHours: { enabled: true, start: '11:00', end: '12:30' } });
    const { perRound } = runRounds([
      round({ settings: quiet, events: [failed('s1')] }),
      round({ now: T0 + 60 * MIN, settings: quiet, events: [recovered('s1', T0 + 60 * MIN)] }),
    ]);
    expect(perRound.map(titles)).toEqual([[], []]);
  });

  it('failure filtered by rules → recovery silent even after the rule is lifted', () => {
    const never = ctx('prod', { rules: { muted: false, only: [], never: ['member-failed'] } });
    const { perRound } = runRounds([
      round({ clusters: [never], events: [failed('s1')] }),
      round({ now: T0 + MIN, events: [recovered('s1', T0 + MIN)] }),
    ]);
    expect(perRound.map(titles)).toEqual([[], []]);
  });

  it('recovery of another member than the notified one is silent', () => {
    const { perRound } = runRounds([
      round({ events: [failed('s1')] }),
      round({ now: T0 + MIN, events: [recovered('s2', T0 + MIN)] }),
    ]);
    expect(perRound.map(titles)).toEqual([['prod: s1 failed'], []]);
  });

  it('health recovery matches its degraded role; reachability recovery closes unreachable', () => {
    const health = (type: 'health-degraded' | 'health-recovered', role: 'server' | 'client', t = T0) =>
      ev(type, {
        time: t,
        role,
        key: `health:${role}`,
        message: `${role} health check ${type === 'health-degraded' ? 'failing' : 'ok again'}`,
      });
    const { perRound } = runRounds([
      round({
        events: [
          health('health-degraded', 'server'),
          ev('cluster-unreachable', { clusterId: 'dev', cluster: 'dev' }),
        ],
      }),
      round({ now: T0 + MIN, events: [health('health-degraded', 'client', T0 + MIN)] }),
      round({
        now: T0 + 2 * MIN,
        events: [
          health('health-recovered', 'client'),
          ev('cluster-recovered', { clusterId: 'dev', cluster: 'dev' }),
        ],
      }),
      round({
        now: T0 + 3 * MIN,
        events: [health('health-recovered', 'client'), health('health-recovered', 'server')],
      }),
    ]);
    expect(perRound.map(titles)).toEqual([
      ['prod: server health check failing', 'dev: unreachable'],
      ['prod: client health check failing'],
      ['prod: client health check ok again', 'dev: reachable again'],
      ['prod: server health check ok again'],
    ]);
  });

  it('a problem swept after the cluster stayed healthy notifies again when it comes back', () => {
    const n = sweepRounds(settings().recoveryPolls, 1) + 1;
    const healthyRounds = Array.from({ length: n }, (_, i) => round({ now: T0 + (i + 1) * MIN }));
    const { perRound } = runRounds([
      round({
        events: [ev('quorum-at-risk', { region: 'global' })],
        clusters: [ctx('prod', { state: 'degraded' })],
      }),
      ...healthyRounds,
      round({ now: T0 + 10 * MIN, events: [ev('quorum-at-risk', { region: 'global' })] }),
    ]);
    expect(perRound.flatMap(titles)).toEqual([
      'prod: quorum at risk in global',
      'prod: quorum at risk in global',
    ]);
  });

  // A recovery may come late (its key flapped: 2 × recoveryPolls polls) while the cluster already LOOKS healthy,
  // and a round is one cluster's poll: the sweep must wait long enough, scaled by the clusters polled.
  it.each([
    {
      name: 'one cluster, recovery after 2 × recoveryPolls healthy polls',
      clusters: 1,
      polls: 4,
      notified: true,
    },
    {
      name: 'three clusters, recovery after 4 polls each (12 rounds)',
      clusters: 3,
      polls: 4,
      notified: true,
    },
    {
      name: 'three clusters, healthy far longer than any recovery takes',
      clusters: 3,
      polls: 6,
      notified: false,
    },
  ])('late recovery: $name', ({ clusters, polls, notified }) => {
    const ids = ['prod', 'dev', 'qa'].slice(0, clusters);
    const contexts = (state: 'healthy' | 'degraded') =>
      ids.map((id) => ctx(id, { state: id === 'prod' ? state : 'healthy' }));
    const quiet = Array.from({ length: polls * clusters }, (_, i) =>
      round({ now: T0 + (i + 1) * MIN, clusters: contexts('healthy') }),
    );
    const { perRound } = runRounds([
      round({ events: [failed('s1')], clusters: contexts('degraded') }),
      ...quiet,
      round({ now: T0 + HOUR, clusters: contexts('healthy'), events: [recovered('s1', T0 + HOUR)] }),
    ]);
    expect(perRound.flatMap(titles)).toEqual([
      'prod: s1 failed',
      ...(notified ? ['prod: s1 is alive again'] : []),
    ]);
  });
});

describe('a problem opened and closed within one round', () => {
  it('failed, back and failed again in one round: the second failure is news again', () => {
    const d = decideNotifications(null, round({ events: [failed('s1'), recovered('s1', T0), failed('s1')] }));
    expect(titles(d.notices)).toEqual(['prod: s1 failed', 'prod: s1 is alive again', 'prod: s1 failed']);
    expect(Object.keys(d.memory.clusters.prod?.open ?? {})).toEqual(['member-failed|s1.global|global']);
  });
});

describe('recoveries in quiet hours', () => {
  it('the recovery of a warning notified before quiet hours waits: it is not critical and resolves nothing critical', () => {
    const quiet = settings({ quietHours: { enabled: true, start: '12:30', end: '13:00' } });
    const { perRound } = runRounds([
      round({ settings: quiet, events: [failed('s1')] }),
      round({ now: T0 + 40 * MIN, settings: quiet, events: [recovered('s1', T0 + 40 * MIN)] }),
    ]);
    expect(perRound.map(titles)).toEqual([['prod: s1 failed'], []]);
  });

  it('a recovery resolving a critical and a warning at once comes through quiet hours (it resolves something critical)', () => {
    const quiet = settings({ quietHours: { enabled: true, start: '12:30', end: '13:00' } });
    const degraded = (role: 'server' | 'client', severity: 'warning' | 'critical') =>
      ev('health-degraded', { role, severity, message: `${role} health ${severity}` });
    const { perRound } = runRounds([
      round({ settings: quiet, events: [degraded('server', 'critical'), degraded('client', 'warning')] }),
      round({
        now: T0 + 40 * MIN,
        settings: quiet,
        events: [ev('health-recovered', { time: T0 + 40 * MIN })],
      }),
    ]);
    expect(perRound[0]?.map((n) => n.severity)).toEqual(['critical', 'warning']);
    expect(perRound[1]).toHaveLength(1);
    expect(perRound[1]?.[0]?.body).toContain('resolves');
  });
});
