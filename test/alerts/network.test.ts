import { describe, expect, it } from 'vitest';
import { decideNotifications } from '../../main/core/alerts/index.js';
import { NETWORK_SETTLE_MS } from '../../main/core/alerts/network.js';
import { sweepRounds } from '../../main/core/alerts/policy.js';
import type { ClusterStateKind } from '../../common/domain.js';
import type { MonitorEvent } from '../../common/domain.js';
import type { PolicyRound } from '../../main/core/monitor/types.js';
import type { PolicyMemory } from '../../main/core/alerts/index.js';
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
          ev('auth-failed', { clusterId: 'a', cluster: 'a', cause: '403 Permission denied' }),
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
      ev('tls-failed', { clusterId: id, cluster: id, cause: 'certificate signed by an unknown authority' }),
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

const SEC = 1_000;
const refused = (id: string, t = T0) =>
  ev('auth-failed', {
    clusterId: id,
    cluster: id,
    time: t,
    message: 'ACL token refused (403 Permission denied)',
    cause: '403 Permission denied',
  });
/** A round at `t` with the given cluster states (healthy when not listed) and events. */
const at = (
  t: number,
  events: MonitorEvent[],
  states: Record<string, ClusterStateKind> = {},
  clusters: string[] = ids,
  over: Partial<PolicyRound> = {},
) =>
  round({
    now: t,
    clusters: clusters.map((id) => ctx(id, { state: states[id] ?? 'healthy' })),
    events,
    ...over,
  });
const allDown = (clusters: string[] = ids, over: Partial<PolicyRound> = {}) =>
  at(
    T0,
    clusters.map((id) => down(id)),
    Object.fromEntries(clusters.map((id) => [id, 'unreachable' as const])),
    clusters,
    over,
  );
const R = T0 + MIN; // the network comes back

/**
 * Restoring a network outage (network.ts' table): ONE "Network restored" for the whole outage, whatever the
 * spread of the clusters' recoveries; a cluster that stays down is named and later reported on its own.
 */
const restoreRows: Array<{ name: string; rounds: PolicyRound[]; want: string[][] }> = [
  {
    name: 'recoveries spread over rounds fold into ONE restore, sent when the last cluster is back',
    rounds: [
      allDown(),
      at(R, [back('a', R)], { b: 'unreachable', c: 'unreachable' }),
      at(R + SEC, [back('b', R + SEC)], { c: 'unreachable' }),
      at(R + 2 * SEC, [back('c', R + 2 * SEC)]),
    ],
    want: [
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      [],
      [],
      ['Network restored | 3 clusters reachable again'],
    ],
  },
  {
    name: 'a cluster still down NETWORK_SETTLE_MS after the first came back is named; its recovery notifies later',
    rounds: [
      allDown(),
      at(R, [back('a', R), back('b', R)], { c: 'unreachable' }),
      at(R + NETWORK_SETTLE_MS - 1, [], { c: 'unreachable' }),
      at(R + NETWORK_SETTLE_MS, [], { c: 'unreachable' }),
      at(R + 5 * MIN, [back('c', R + 5 * MIN)]),
    ],
    want: [
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      [],
      [],
      ['Network restored | 2 clusters reachable again; still unreachable: c'],
      ['c: reachable again | cluster-recovered happened, since 12:06; resolves “unreachable” (12:00)'],
    ],
  },
  {
    name: 'a cluster back with a refused token is reported as auth-failed and not waited for',
    rounds: [allDown(), at(R, [back('a', R), back('b', R), refused('c', R)], { c: 'forbidden' })],
    want: [
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      [
        'c: ACL token refused | 403 Permission denied, since 12:01',
        'Network restored | 2 clusters reachable again',
      ],
    ],
  },
  {
    name: 'a cluster that comes back and goes down again before the restore stays in the outage',
    rounds: [
      allDown(),
      at(R, [back('a', R)], { b: 'unreachable', c: 'unreachable' }),
      at(R + SEC, [down('a', R + SEC)], { a: 'unreachable', b: 'unreachable', c: 'unreachable' }),
      at(
        R + 2 * SEC,
        ids.map((id) => back(id, R + 2 * SEC)),
      ),
    ],
    want: [
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      [],
      [],
      ['Network restored | 3 clusters reachable again'],
    ],
  },
  {
    name: 'a cluster outside the outage going unreachable while it restores is reported on its own',
    rounds: [
      allDown(['a', 'b']),
      at(R, [back('a', R)], { b: 'unreachable' }, ['a', 'b']),
      at(R + SEC, [down('c', R + SEC)], { b: 'unreachable', c: 'unreachable' }, ['a', 'b', 'c']),
      at(R + 2 * SEC, [back('b', R + 2 * SEC)], { c: 'unreachable' }, ['a', 'b', 'c']),
    ],
    want: [
      ['Network unavailable — all 2 clusters unreachable | a, b, since 12:00'],
      [],
      ['c: unreachable | cluster-unreachable happened, since 12:01'],
      ['Network restored | 2 clusters reachable again'],
    ],
  },
  {
    name: 'a restoring outage is not swept while its clusters look healthy before their recovery is confirmed',
    rounds: [
      allDown(),
      at(R, [back('a', R)]),
      ...Array.from({ length: 6 }, (_, i) => at(R + (i + 1) * SEC, [])),
      at(R + 7 * SEC, [back('b', R + 7 * SEC), back('c', R + 7 * SEC)]),
    ],
    want: [
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      ...Array.from({ length: 7 }, () => []),
      ['Network restored | 3 clusters reachable again'],
    ],
  },
  {
    name: 'no "Network still unavailable" reminder once the outage is restoring',
    rounds: [
      allDown(ids, { settings: settings({ reminderIntervalMs: HOUR }) }),
      at(T0 + HOUR, [back('a', T0 + HOUR)], { b: 'unreachable', c: 'unreachable' }, ids, {
        settings: settings({ reminderIntervalMs: HOUR }),
      }),
    ],
    want: [['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'], []],
  },
  {
    name: '(control) the same outage still fully down does get its reminder',
    rounds: [
      allDown(ids, { settings: settings({ reminderIntervalMs: HOUR }) }),
      at(T0 + HOUR, [], { a: 'unreachable', b: 'unreachable', c: 'unreachable' }, ids, {
        settings: settings({ reminderIntervalMs: HOUR }),
      }),
    ],
    want: [
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      ['Network still unavailable — 3 clusters unreachable | since 12:00'],
    ],
  },
];

describe('network restored: one notice per outage', () => {
  it.each(restoreRows)('$name', ({ rounds, want }) => {
    const { perRound } = runRounds(rounds);
    expect(perRound.map((ns) => ns.map((n) => `${n.title} | ${n.body}`))).toEqual(want);
  });

  it('a restoring outage remembers when its first cluster came back', () => {
    const { memory } = runRounds([allDown(), at(R, [back('a', R)], { b: 'unreachable', c: 'unreachable' })]);
    expect(memory?.network?.restoringSince).toBe(R);
  });
});

const tlsFailed = (id: string, t = T0) =>
  ev('tls-failed', { clusterId: id, cluster: id, time: t, cause: 'certificate has expired' });
const S2 = R + 2 * SEC;

/**
 * The edges of the restore (network.ts, second table): what each outage cluster's latest event says decides
 * whether it is still awaited, and the settle is counted from the first cluster back of the CURRENT restore.
 */
const restoreEdgeRows: Array<{ name: string; rounds: PolicyRound[]; want: string[][] }> = [
  {
    name: 'a cluster back, then down again, is awaited again: the settle restarts with the next one back',
    rounds: [
      allDown(),
      at(R, [back('a', R)], { b: 'unreachable', c: 'unreachable' }),
      at(R + SEC, [down('a', R + SEC)], { a: 'unreachable', b: 'unreachable', c: 'unreachable' }),
      at(S2, [back('b', S2), back('c', S2)], { a: 'unreachable' }),
      at(S2 + NETWORK_SETTLE_MS - 1, [], { a: 'unreachable' }),
      at(S2 + NETWORK_SETTLE_MS, [], { a: 'unreachable' }),
    ],
    want: [
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      [],
      [],
      [],
      [],
      ['Network restored | 2 clusters reachable again; still unreachable: a'],
    ],
  },
  {
    name: 'a cluster that refused its token and then went down again is awaited again',
    rounds: [
      allDown(),
      at(R, [refused('a', R)], { a: 'forbidden', b: 'unreachable', c: 'unreachable' }),
      at(R + SEC, [down('a', R + SEC)], { a: 'unreachable', b: 'unreachable', c: 'unreachable' }),
      at(S2, [back('b', S2), back('c', S2)], { a: 'unreachable' }),
      at(S2 + NETWORK_SETTLE_MS, [], { a: 'unreachable' }),
    ],
    want: [
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      ['a: ACL token refused | 403 Permission denied, since 12:01'],
      [],
      [],
      ['Network restored | 2 clusters reachable again; still unreachable: a'],
    ],
  },
  {
    name: "one cluster's refused token is remembered while the others come back one by one",
    rounds: [
      allDown(),
      at(R, [refused('c', R)], { a: 'unreachable', b: 'unreachable', c: 'forbidden' }),
      at(R + SEC, [back('a', R + SEC)], { b: 'unreachable', c: 'forbidden' }),
      at(S2, [back('b', S2)], { c: 'forbidden' }),
    ],
    want: [
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      ['c: ACL token refused | 403 Permission denied, since 12:01'],
      [],
      ['Network restored | 2 clusters reachable again'],
    ],
  },
  {
    name: 'a cluster back, then refusing its token, is counted once: as refused, not as reachable again',
    rounds: [
      allDown(),
      at(R, [back('a', R)], { b: 'unreachable', c: 'unreachable' }),
      at(R + SEC, [refused('a', R + SEC)], { a: 'forbidden', b: 'unreachable', c: 'unreachable' }),
      at(S2, [back('b', S2), back('c', S2)], { a: 'forbidden' }),
    ],
    want: [
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      [],
      ['a: ACL token refused | 403 Permission denied, since 12:01'],
      ['Network restored | 2 clusters reachable again'],
    ],
  },
  {
    name: 'a cluster back failing TLS is reported as that and not waited for',
    rounds: [allDown(), at(R, [back('a', R), back('b', R), tlsFailed('c', R)], { c: 'tls-error' })],
    want: [
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      ['c: TLS: certificate has expired | since 12:01', 'Network restored | 2 clusters reachable again'],
    ],
  },
  {
    name: 'only a refused token back: the restore waits NETWORK_SETTLE_MS, then the others recover one by one',
    rounds: [
      allDown(),
      at(R, [refused('c', R)], { a: 'unreachable', b: 'unreachable', c: 'forbidden' }),
      at(R + NETWORK_SETTLE_MS, [], { a: 'unreachable', b: 'unreachable', c: 'forbidden' }),
      at(R + 2 * MIN, [back('a', R + 2 * MIN)], { b: 'unreachable', c: 'forbidden' }),
    ],
    want: [
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      ['c: ACL token refused | 403 Permission denied, since 12:01'],
      [],
      ['a: reachable again | cluster-recovered happened, since 12:03; resolves “unreachable” (12:00)'],
    ],
  },
  {
    name: 'an outage cluster paused meanwhile is no longer awaited',
    rounds: [allDown(), at(R, [back('a', R), back('b', R)], { c: 'paused' })],
    want: [
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      ['Network restored | 2 clusters reachable again'],
    ],
  },
  {
    name: 'an outage cluster removed meanwhile is no longer awaited',
    rounds: [allDown(), at(R, [back('a', R), back('b', R)], {}, ['a', 'b'])],
    want: [
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      ['Network restored | 2 clusters reachable again'],
    ],
  },
  {
    name: 'a cluster enabled during the outage joins it silently and is awaited like the others',
    rounds: [
      allDown(['a', 'b']),
      at(T0 + SEC, [down('c', T0 + SEC)], { a: 'unreachable', b: 'unreachable', c: 'unreachable' }),
      at(R, [back('a', R), back('b', R)], { c: 'unreachable' }),
      at(R + NETWORK_SETTLE_MS, [], { c: 'unreachable' }),
    ],
    want: [
      ['Network unavailable — all 2 clusters unreachable | a, b, since 12:00'],
      [],
      [],
      ['Network restored | 2 clusters reachable again; still unreachable: c'],
    ],
  },
];

describe('network restored: the edges of the wait', () => {
  it.each(restoreEdgeRows)('$name', ({ rounds, want }) => {
    const { perRound } = runRounds(rounds);
    expect(perRound.map((ns) => ns.map((n) => `${n.title} | ${n.body}`))).toEqual(want);
  });
});

describe('the network notices and what was already shown', () => {
  it('a cluster reported on its own before the network went keeps that notice: its recovery resolves it', () => {
    const two = ['a', 'b'];
    const B = T0 + MIN;
    const { perRound } = runRounds([
      at(T0, [down('a')], { a: 'unreachable' }, two),
      at(B, [down('b', B)], { a: 'unreachable', b: 'unreachable' }, two),
      at(B + MIN, [back('b', B + MIN)], { a: 'unreachable' }, two),
      at(B + MIN + NETWORK_SETTLE_MS, [], { a: 'unreachable' }, two),
      at(B + 5 * MIN, [back('a', B + 5 * MIN)], {}, two),
    ]);
    expect(perRound.map((ns) => ns.map((n) => `${n.title} | ${n.body}`))).toEqual([
      ['a: unreachable | cluster-unreachable happened, since 12:00'],
      ['Network unavailable — all 2 clusters unreachable | a, b, since 12:01'],
      [],
      ['Network restored | 1 cluster reachable again; still unreachable: a'],
      ['a: reachable again | cluster-recovered happened, since 12:06; resolves “unreachable” (12:00)'],
    ]);
  });

  it('every cluster already unreachable at its first poll (baseline): no "Network unavailable", no restore', () => {
    const { perRound } = runRounds([
      allDown(ids, { baseline: true }),
      at(
        R,
        ids.map((id) => back(id, R)),
      ),
    ]);
    expect(perRound).toEqual([[], []]);
  });
});

describe('the outage between its two notices', () => {
  const quiet = settings({ quietHours: { enabled: true, start: '11:00', end: '13:00' } });
  const show = (rounds: PolicyRound[]) =>
    runRounds(rounds).perRound.map((ns) => ns.map((n) => `${n.title} | ${n.body}`));

  it('a cluster enabled during the outage that refuses its token is reported as that, not folded', () => {
    const joined = at(T0 + SEC, [refused('c', T0 + SEC)], {
      a: 'unreachable',
      b: 'unreachable',
      c: 'forbidden',
    });
    expect(show([allDown(['a', 'b']), joined])).toEqual([
      ['Network unavailable — all 2 clusters unreachable | a, b, since 12:00'],
      ['c: ACL token refused | 403 Permission denied, since 12:00'],
    ]);
  });

  it('an outage cluster confirming its outage again does not start the restore', () => {
    const still = { a: 'unreachable', b: 'unreachable', c: 'unreachable' } as const;
    expect(
      show([
        allDown(),
        at(T0 + MIN, [down('a', T0 + MIN)], still),
        at(T0 + MIN + NETWORK_SETTLE_MS, [], still),
        at(
          T0 + 5 * MIN,
          ids.map((id) => back(id, T0 + 5 * MIN)),
        ),
      ]),
    ).toEqual([
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      [],
      [],
      ['Network restored | 3 clusters reachable again'],
    ]);
  });

  it('an outage whose recoveries never came is forgotten once every cluster stayed healthy: the next is news', () => {
    const healthy = sweepRounds(settings().recoveryPolls, ids.length) + 1;
    const rounds = [
      allDown(),
      ...Array.from({ length: healthy }, (_, i) => at(R + i * SEC, [])),
      at(
        T0 + HOUR,
        ids.map((id) => down(id, T0 + HOUR)),
        { a: 'unreachable', b: 'unreachable', c: 'unreachable' },
      ),
    ];
    const got = show(rounds);
    expect(got[0]).toEqual(['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00']);
    expect(got.at(-1)).toEqual(['Network unavailable — all 3 clusters unreachable | a, b, c, since 13:00']);
  });

  it('in quiet hours both network notices are delivered (the restore resolves a critical one)', () => {
    expect(
      show([
        allDown(ids, { settings: quiet }),
        at(
          R,
          ids.map((id) => back(id, R)),
          {},
          ids,
          { settings: quiet },
        ),
      ]),
    ).toEqual([
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      ['Network restored | 3 clusters reachable again'],
    ]);
  });

  it('an outage hidden by snooze stays unshown when another notice is delivered meanwhile: no restore', () => {
    const snoozed = allDown();
    snoozed.clusters = snoozed.clusters.map((c) => ({
      ...c,
      snooze: { until: T0 + 2 * MIN, severityAtSnooze: 'critical' },
    }));
    const T5 = T0 + 5 * MIN;
    expect(
      show([
        snoozed,
        at(T5, [refused('c', T5)], { a: 'unreachable', b: 'unreachable', c: 'forbidden' }),
        at(T5 + SEC, [back('a', T5 + SEC), back('b', T5 + SEC)], { c: 'forbidden' }),
      ]),
    ).toEqual([[], ['c: ACL token refused | 403 Permission denied, since 12:05'], []]);
  });
});

describe('which outage clusters are still awaited', () => {
  const show = (rounds: PolicyRound[]) =>
    runRounds(rounds).perRound.map((ns) => ns.map((n) => `${n.title} | ${n.body}`));

  it('another event of an outage cluster (not a connection verdict) does not count as its answer', () => {
    const t = R + SEC;
    expect(
      show([
        allDown(),
        at(R, [ev('leader-lost', { clusterId: 'a', cluster: 'a', region: 'global', time: R })], {
          a: 'unreachable',
          b: 'unreachable',
          c: 'unreachable',
        }),
        at(t, [back('b', t), back('c', t)], { a: 'unreachable' }),
        at(t + NETWORK_SETTLE_MS, [], { a: 'unreachable' }),
      ]),
    ).toEqual([
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      ['a: no leader in global | none → none, since 12:01'],
      [],
      ['Network restored | 2 clusters reachable again; still unreachable: a'],
    ]);
  });

  it('while restoring, a cluster that answered or came back reminds on its own; the awaited one stays quiet', () => {
    const s = settings({ reminderIntervalMs: HOUR });
    const t = T0 + HOUR - 30 * SEC;
    const states = { a: 'forbidden', b: 'degraded', c: 'unreachable' } as const;
    expect(
      show([
        allDown(ids, { settings: s }),
        at(t, [refused('a', t), back('b', t)], states, ids, { settings: s }),
        at(T0 + HOUR, [], states, ids, { settings: s }),
      ]),
    ).toEqual([
      ['Network unavailable — all 3 clusters unreachable | a, b, c, since 12:00'],
      ['a: ACL token refused | 403 Permission denied, since 12:59'],
      [
        'a: ACL token still refused | since 12:00 (reminder 1)',
        'b: still degraded | since 12:00 (reminder 1)',
      ],
    ]);
  });
});

describe('forgetting an outage whose recoveries never came (the sweep)', () => {
  const show = (rounds: PolicyRound[], memory: PolicyMemory | null = null) =>
    runRounds(rounds, memory).perRound.map((ns) => ns.map((n) => `${n.title} | ${n.body}`));
  const healthyRounds = (
    n: number,
    from: number,
    states: Record<string, ClusterStateKind> = {},
    clusters = ids,
  ) => Array.from({ length: n }, (_, i) => at(from + i * SEC, [], states, clusters));
  const sweep = sweepRounds(settings().recoveryPolls, ids.length);
  const T1 = T0 + HOUR;
  const againDown = at(
    T1,
    ids.map((id) => down(id, T1)),
    { a: 'unreachable', b: 'unreachable', c: 'unreachable' },
  );

  it('a restoring outage is never swept: "Network restored" still goes out, naming those still down', () => {
    const got = show([
      allDown(),
      at(R, [back('a', R)]),
      ...healthyRounds(sweep + 1, R + SEC),
      at(R + NETWORK_SETTLE_MS, []),
    ]);
    expect(got.at(-1)).toEqual(['Network restored | 1 cluster reachable again; still unreachable: b, c']);
  });

  it('one cluster healthy long while the others stay down: the outage is kept, its end is ONE restore', () => {
    const got = show([
      allDown(),
      ...healthyRounds(sweep + 1, R, { b: 'unreachable', c: 'unreachable' }),
      at(
        T1,
        ids.map((id) => back(id, T1)),
      ),
    ]);
    expect(got.at(-1)).toEqual(['Network restored | 3 clusters reachable again']);
  });

  it('healthy for exactly the sweep rounds is not yet enough: the same clusters down again is no news', () => {
    expect(show([allDown(), ...healthyRounds(sweep, R), againDown]).at(-1)).toEqual([]);
  });

  it('a cluster of the outage with no memory left (removed, forgotten) does not keep the outage', () => {
    const { memory } = runRounds([allDown()]);
    if (memory === null) throw new Error('no memory');
    delete memory.clusters['c'];
    const two = ['a', 'b'];
    const got = show(
      [
        ...healthyRounds(sweepRounds(settings().recoveryPolls, two.length) + 1, R, {}, two),
        at(
          T1,
          two.map((id) => down(id, T1)),
          { a: 'unreachable', b: 'unreachable' },
          two,
        ),
      ],
      memory,
    );
    expect(got.at(-1)).toEqual(['Network unavailable — all 2 clusters unreachable | a, b, since 13:00']);
  });
});
