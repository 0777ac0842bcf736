import { describe, expect, it } from 'vitest';
import { runRounds, ctx, ev, failed, MIN, round, settings, T0, titles } from './builders.js';

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
    expect(perRound[1]?.[0]?.body).toBe('s1.global, failed → alive, since 12:01');
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
    const health = (type: 'health-degraded' | 'health-recovered', role: string, t = T0) =>
      ev(type, {
        time: t,
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
    const healthyRounds = Array.from({ length: 5 }, (_, i) => round({ now: T0 + (i + 1) * MIN }));
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
});
