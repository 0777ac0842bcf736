/**
 * The settle of a lone cluster-unreachable (main/core/alerts/network.ts, first table): clusters are polled out of
 * phase, so when the network goes one of them confirms first. Its outage is held until the others are heard from
 * (released on its own) or are down too (one "Network unavailable"), never dropped. One test per row.
 */
import { describe, expect, it } from 'vitest';
import { decideNotifications } from '../../main/core/alerts/index.js';
import { holdMs } from '../../main/core/alerts/network.js';
import type { MonitorEvent } from '../../common/domain.js';
import type { ClusterPolicyContext } from '../../main/core/monitor/types.js';
import { ctx, ev, round, runRounds, settings, T0, titles } from './builders.js';

const S = 1_000;
const down = (id: string, t = T0): MonitorEvent =>
  ev('cluster-unreachable', { clusterId: id, cluster: id, time: t });
const back = (id: string, t = T0): MonitorEvent =>
  ev('cluster-recovered', { clusterId: id, cluster: id, time: t });
/** A cluster last heard from by a poll started at `answeredAt` (before T0: not since the outage). */
const peer = (id: string, over: Partial<ClusterPolicyContext> = {}) =>
  ctx(id, { answeredAt: T0 - 5 * S, pollIntervalMs: 10 * S, ...over });
const lone = () =>
  round({
    now: T0,
    clusters: [peer('a', { state: 'unreachable' }), peer('b'), peer('c')],
    events: [down('a')],
  });

describe('a lone cluster-unreachable settles before it is reported', () => {
  it('held while another cluster has not been heard from since: no notice yet, kept in memory', () => {
    const d = decideNotifications(null, lone());
    expect(d.notices).toEqual([]);
    expect(d.memory.held.map((h) => [h.event.clusterId, h.since, h.until])).toEqual([['a', T0, T0 + 20 * S]]);
    expect(d.memory.network).toBeNull();
  });

  it('reported at once when every other cluster answered a poll started after it', () => {
    const r = round({
      clusters: [
        peer('a', { state: 'unreachable' }),
        peer('b', { answeredAt: T0 }),
        peer('c', { answeredAt: T0 }),
      ],
      events: [down('a')],
    });
    const d = decideNotifications(null, r);
    expect(titles(d.notices)).toEqual(['a: unreachable']);
    expect(d.memory.held).toEqual([]);
  });

  it('released as itself once the others answered polls started after it (an older answer does not count)', () => {
    const later = (answeredB: number, answeredC: number) =>
      round({
        now: T0 + 3 * S,
        clusters: [
          peer('a', { state: 'unreachable' }),
          peer('b', { answeredAt: answeredB }),
          peer('c', { answeredAt: answeredC }),
        ],
      });
    // b's poll was in flight when a confirmed (started before T0): still held. Then c answers a fresh poll too.
    const { perRound, memory } = runRounds([lone(), later(T0 + S, T0 - S), later(T0 + S, T0 + 2 * S)]);
    expect(perRound.map(titles)).toEqual([[], [], ['a: unreachable']]);
    expect(memory?.held).toEqual([]);
    expect(Object.keys(memory?.clusters.a?.open ?? {})).toEqual(['cluster-unreachable||']);
  });

  it('folded into ONE "Network unavailable" when the others confirm theirs, since the first held one', () => {
    const r2 = round({
      now: T0 + 4 * S,
      clusters: [peer('a', { state: 'unreachable' }), peer('b', { state: 'unreachable' }), peer('c')],
      events: [down('b', T0 + 4 * S)],
    });
    const r3 = round({
      now: T0 + 8 * S,
      clusters: ['a', 'b', 'c'].map((id) => peer(id, { state: 'unreachable' })),
      events: [down('c', T0 + 8 * S)],
    });
    const { perRound, last } = runRounds([lone(), r2, r3]);
    expect(perRound.map(titles)).toEqual([[], [], ['Network unavailable — all 3 clusters unreachable']]);
    const notice = last.notices[0];
    expect(notice?.body).toBe('a, b, c, since 12:00');
    expect(notice?.events.map((e) => e.clusterId)).toEqual(['a', 'b', 'c']);
    expect(last.memory.network?.since).toBe(T0);
  });

  it('released as itself when the hold ends and the others were never heard from', () => {
    const silent = (now: number) =>
      round({ now, clusters: [peer('a', { state: 'unreachable' }), peer('b'), peer('c')] });
    const { perRound } = runRounds([lone(), silent(T0 + 19 * S), silent(T0 + 20 * S)]);
    expect(perRound.map(titles)).toEqual([[], [], ['a: unreachable']]);
  });

  it('its cluster coming back releases it first: unreachable, then reachable again, nothing left open', () => {
    const r2 = round({
      now: T0 + 2 * S,
      clusters: [peer('a'), peer('b'), peer('c')],
      events: [back('a', T0 + 2 * S)],
    });
    const { perRound, memory } = runRounds([lone(), r2]);
    expect(perRound.map(titles)).toEqual([[], ['a: unreachable', 'a: reachable again']]);
    expect(perRound[1]?.[1]?.resolves).toEqual(['a#cluster-unreachable||']);
    expect(memory?.clusters.a?.open).toEqual({});
  });

  it('dropped when its cluster is paused meanwhile (the user no longer watches it)', () => {
    const r2 = round({ now: T0 + 2 * S, clusters: [peer('a', { state: 'paused' }), peer('b'), peer('c')] });
    const { perRound, memory } = runRounds([lone(), r2, { ...r2, now: T0 + 30 * S }]);
    expect(perRound.map(titles)).toEqual([[], [], []]);
    expect(memory?.held).toEqual([]);
  });

  it('never held in a baseline round, nor with a single enabled cluster', () => {
    expect(decideNotifications(null, { ...lone(), baseline: true }).memory.held).toEqual([]);
    const single = round({ clusters: [peer('a', { state: 'unreachable' })], events: [down('a')] });
    expect(titles(decideNotifications(null, single).notices)).toEqual(['a: unreachable']);
  });

  it('holds for two intervals of the slowest cluster, at least 3 s, at most the network settle (60 s)', () => {
    const at = (...intervals: number[]) =>
      holdMs(intervals.map((ms, i) => peer(`c${i}`, { pollIntervalMs: ms })));
    expect(at(10 * S, 5 * S)).toBe(20 * S);
    expect(at(100, 100)).toBe(3 * S);
    expect(at(10 * S, 300 * S)).toBe(60 * S);
  });
});

describe('the settle at its edges', () => {
  it('two enabled clusters are enough to hold: the other one may be about to confirm', () => {
    const r = round({ clusters: [peer('a', { state: 'unreachable' }), peer('b')], events: [down('a')] });
    const d = decideNotifications(null, r);
    expect(d.notices).toEqual([]);
    expect(d.memory.held.map((h) => h.event.clusterId)).toEqual(['a']);
  });

  it('another cluster already down is not waited for: the rest answered, so it is reported at once', () => {
    const r = round({
      clusters: [
        peer('a', { state: 'unreachable' }),
        peer('b', { state: 'unreachable' }),
        peer('c', { answeredAt: T0 }),
      ],
      events: [down('a')],
    });
    expect(titles(decideNotifications(null, r).notices)).toEqual(['a: unreachable']);
  });

  it('an outage that began held leaves nothing behind: after "Network restored" no late "unreachable"', () => {
    const allDown = (now: number, events: MonitorEvent[]) =>
      round({ now, clusters: ['a', 'b', 'c'].map((id) => peer(id, { state: 'unreachable' })), events });
    const allBack = (now: number) =>
      round({ now, clusters: ['a', 'b', 'c'].map((id) => peer(id, { answeredAt: now })), events: [] });
    const R = T0 + 60 * S;
    const { perRound, memory } = runRounds([
      lone(),
      allDown(T0 + 4 * S, [down('b', T0 + 4 * S), down('c', T0 + 4 * S)]),
      { ...allBack(R), events: ['a', 'b', 'c'].map((id) => back(id, R)) },
      allBack(R + 30 * S),
    ]);
    expect(perRound.map(titles)).toEqual([
      [],
      ['Network unavailable — all 3 clusters unreachable'],
      ['Network restored'],
      [],
    ]);
    expect(memory?.held).toEqual([]);
  });

  it('its cluster paused while the others are still confirming: their confirmation is the network notice', () => {
    const pausedA = (now: number, events: MonitorEvent[]) =>
      round({
        now,
        clusters: [
          peer('a', { state: 'paused' }),
          peer('b', { state: 'unreachable' }),
          peer('c', { state: 'unreachable' }),
        ],
        events,
      });
    const { perRound } = runRounds([
      lone(),
      pausedA(T0 + 2 * S, []),
      pausedA(T0 + 4 * S, [down('b', T0 + 4 * S), down('c', T0 + 4 * S)]),
    ]);
    expect(perRound.map(titles)).toEqual([[], [], ['Network unavailable — all 2 clusters unreachable']]);
  });
});

describe('a held outage and its recovery in one round', () => {
  it('in quiet hours both are delivered: the recovery resolves a critical notice and names its time', () => {
    const quiet = settings({ quietHours: { enabled: true, start: '11:00', end: '13:00' } });
    const r2 = round({
      now: T0 + 2 * S,
      settings: quiet,
      clusters: [peer('a'), peer('b'), peer('c')],
      events: [back('a', T0 + 2 * S)],
    });
    const { perRound } = runRounds([{ ...lone(), settings: quiet }, r2]);
    expect(perRound[1]?.map((n) => `${n.title} | ${n.body}`)).toEqual([
      'a: unreachable | cluster-unreachable happened, since 12:00',
      'a: reachable again | cluster-recovered happened, since 12:00; resolves “unreachable” (12:00)',
    ]);
  });
});

describe('only the OTHER clusters release a held outage', () => {
  it("its own cluster's state meanwhile (a TLS error not confirmed yet) does not keep it held", () => {
    const r2 = round({
      now: T0 + 3 * S,
      clusters: [
        peer('a', { state: 'tls-error' }),
        peer('b', { answeredAt: T0 + S }),
        peer('c', { answeredAt: T0 + S }),
      ],
    });
    const { perRound } = runRounds([lone(), r2]);
    expect(perRound.map(titles)).toEqual([[], ['a: unreachable']]);
  });
});

describe('the event is what counts', () => {
  it("a cluster-unreachable whose cluster's state still lags (degraded) completes the outage all the same", () => {
    const r = round({
      clusters: [peer('a', { state: 'degraded' }), peer('b', { state: 'unreachable' })],
      events: [down('a')],
    });
    expect(titles(decideNotifications(null, r).notices)).toEqual([
      'Network unavailable — all 2 clusters unreachable',
    ]);
  });
});

describe('all down with no new cluster-unreachable this round', () => {
  it('a held outage is folded once the other cluster shows down without an event of its own', () => {
    const { perRound } = runRounds([
      round({ clusters: [peer('a', { state: 'unreachable' }), peer('b')], events: [down('a')] }),
      round({
        now: T0 + 2 * S,
        clusters: [peer('a', { state: 'unreachable' }), peer('b', { state: 'unreachable' })],
      }),
    ]);
    expect(perRound.map(titles)).toEqual([[], ['Network unavailable — all 2 clusters unreachable']]);
  });

  it('nothing held and no event: no outage starts, so a cluster confirming later is "Network unavailable"', () => {
    const all = ['a', 'b', 'c'].map((id) => peer(id, { state: 'unreachable' }));
    const { perRound } = runRounds([
      round({ clusters: all }),
      round({ now: T0 + 2 * S, clusters: all, events: [down('c', T0 + 2 * S)] }),
    ]);
    expect(perRound.map(titles)).toEqual([[], ['Network unavailable — all 3 clusters unreachable']]);
  });
});
