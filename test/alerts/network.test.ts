import { describe, expect, it } from 'vitest';
import { decideNotifications } from '../../main/core/alerts/index.js';
import { ctx, ev, HOUR, MIN, round, runRounds, settings, T0, titles } from './builders.js';

const ids = ['a', 'b', 'c'];
const down = (id: string, t = T0) => ev('cluster-unreachable', { clusterId: id, cluster: id, time: t });
const back = (id: string, t = T0) => ev('cluster-recovered', { clusterId: id, cluster: id, time: t });

describe('network unavailable vs one cluster down', () => {
  it('one cluster of three down is reported on its own', () => {
    const d = decideNotifications(
      null,
      round({ clusters: [ctx('a', { state: 'unreachable' }), ctx('b'), ctx('c')], events: [down('a')] }),
    );
    expect(titles(d.notices)).toEqual(['a: unreachable']);
    expect(d.memory.network).toBeNull();
  });

  it('all clusters down in one round is ONE notice covering every event', () => {
    const events = ids.map((id) => down(id));
    const d = decideNotifications(
      null,
      round({ clusters: ids.map((id) => ctx(id, { state: 'unreachable' })), events }),
    );
    expect(d.notices).toHaveLength(1);
    expect(d.notices[0]).toMatchObject({
      clusterId: null,
      type: 'network-unavailable',
      severity: 'critical',
    });
    expect(d.notices[0]?.title).toBe('Network unavailable — all 3 clusters unreachable');
    expect(d.notices[0]?.body).toBe('a, b, c, since 12:00');
    expect(d.notices[0]?.events).toEqual(events);
  });

  it('the last cluster going down turns into network unavailable; later confirmations stay silent', () => {
    const r1 = round({ clusters: [ctx('a', { state: 'unreachable' }), ctx('b')], events: [down('a')] });
    const r2 = round({
      now: T0 + MIN,
      clusters: [ctx('a', { state: 'unreachable' }), ctx('b', { state: 'unreachable' })],
      events: [down('b', T0 + MIN)],
    });
    const r3 = round({ now: T0 + 2 * MIN, clusters: r2.clusters, events: [down('a', T0 + 2 * MIN)] });
    const { perRound } = runRounds([r1, r2, r3]);
    expect(perRound.map(titles)).toEqual([
      ['a: unreachable'],
      ['Network unavailable — all 2 clusters unreachable'],
      [],
    ]);
  });

  it('paused clusters do not count, and a single enabled cluster is never "the network"', () => {
    const d = decideNotifications(
      null,
      round({
        clusters: [ctx('a', { state: 'unreachable' }), ctx('b', { state: 'paused' })],
        events: [down('a')],
      }),
    );
    expect(titles(d.notices)).toEqual(['a: unreachable']);
  });

  it('restores with one notice and names clusters still down; their own recovery notifies later', () => {
    const allDown = round({
      clusters: ids.map((id) => ctx(id, { state: 'unreachable' })),
      events: ids.map((id) => down(id)),
    });
    const partly = round({
      now: T0 + MIN,
      clusters: [ctx('a'), ctx('b'), ctx('c', { state: 'unreachable' })],
      events: [back('a', T0 + MIN), back('b', T0 + MIN)],
    });
    const last = round({
      now: T0 + 2 * MIN,
      clusters: ids.map((id) => ctx(id)),
      events: [back('c', T0 + 2 * MIN)],
    });
    const { perRound } = runRounds([allDown, partly, last]);
    expect(perRound[1]?.map((n) => [n.title, n.body, n.type])).toEqual([
      ['Network restored', '2 clusters reachable again; still unreachable: c', 'network-restored'],
    ]);
    expect(titles(perRound[2] ?? [])).toEqual(['c: reachable again']);
  });

  it('no "Network restored" when recovery notifications are off', () => {
    const off = settings({ recoveryNotifications: false });
    const allDown = round({
      settings: off,
      clusters: ids.map((id) => ctx(id, { state: 'unreachable' })),
      events: ids.map((id) => down(id)),
    });
    const up = round({
      now: T0 + MIN,
      settings: off,
      clusters: ids.map((id) => ctx(id)),
      events: ids.map((id) => back(id)),
    });
    const { perRound, memory } = runRounds([allDown, up]);
    expect(perRound.map(titles)).toEqual([['Network unavailable — all 3 clusters unreachable'], []]);
    expect(memory?.network).toBeNull();
  });

  it('an outage the user never saw (all snoozed) ends silently', () => {
    const snooze = { until: T0 + 30 * MIN, severityAtSnooze: 'critical' as const };
    const allDown = round({
      clusters: ids.map((id) => ctx(id, { state: 'unreachable', snooze })),
      events: ids.map((id) => down(id)),
    });
    const up = round({
      now: T0 + HOUR,
      clusters: ids.map((id) => ctx(id)),
      events: ids.map((id) => back(id)),
    });
    const { perRound } = runRounds([allDown, up]);
    expect(perRound.map(titles)).toEqual([[], []]);
  });
});

describe('auth and TLS failures are never folded into network unavailable', () => {
  it('a refused token among unreachable clusters is reported as itself', () => {
    const d = decideNotifications(
      null,
      round({
        clusters: [ctx('a', { state: 'forbidden' }), ctx('b', { state: 'unreachable' })],
        events: [
          ev('auth-failed', { clusterId: 'a', cluster: 'a', message: '403 Permission denied' }),
          down('b'),
        ],
      }),
    );
    expect(d.notices.map((n) => [n.title, n.body])).toEqual([
      ['a: ACL token refused', '403 Permission denied, since 12:00'],
      ['b: unreachable', 'cluster-unreachable happened, since 12:00'],
    ]);
  });

  it('every cluster failing TLS is N TLS notices, not a network outage', () => {
    const events = ['a', 'b'].map((id) =>
      ev('tls-failed', { clusterId: id, cluster: id, message: 'certificate signed by an unknown authority' }),
    );
    const d = decideNotifications(
      null,
      round({ clusters: [ctx('a', { state: 'tls-error' }), ctx('b', { state: 'tls-error' })], events }),
    );
    expect(titles(d.notices)).toEqual([
      'a: TLS: certificate signed by an unknown authority',
      'b: TLS: certificate signed by an unknown authority',
    ]);
    expect(d.memory.network).toBeNull();
  });
});
