/**
 * One row per line of decideNotifications' decision table (main/core/alerts/policy.ts): prior rounds set up the
 * memory, the round under test gives the notices.
 */
import { describe, expect, it } from 'vitest';
import type { Severity } from '../../common/domain.js';
import { decideNotifications } from '../../main/core/alerts/index.js';
import { NETWORK_SETTLE_MS } from '../../main/core/alerts/network.js';
import type { PolicyDecision } from '../../main/core/alerts/policy.js';
import type { PolicyRound } from '../../main/core/monitor/types.js';
import { ctx, ev, failed, HOUR, MIN, round, runRounds, settings, T0 } from './builders.js';

interface Row {
  row: number;
  name: string;
  before?: PolicyRound[];
  round: PolicyRound;
  titles: string[];
  severities: Severity[];
  lifted?: string[];
  check?: (d: PolicyDecision) => void;
}

const three = ['a', 'b', 'c'];
const allDown = round({
  clusters: three.map((id) => ctx(id, { state: 'unreachable' })),
  events: three.map((id) => ev('cluster-unreachable', { clusterId: id })),
});
const at = (hh: number, mm: number) => Date.UTC(2024, 0, 15, hh, mm);
const quiet = settings({ quietHours: { enabled: true, start: '22:00', end: '07:00' } });

const rows: Row[] = [
  {
    row: 1,
    name: 'baseline round',
    round: round({ baseline: true, events: [failed('s1')] }),
    titles: [],
    severities: [],
  },
  {
    row: 2,
    name: 'cluster muted',
    round: round({
      clusters: [ctx('prod', { rules: { muted: true, only: [], never: [] } })],
      events: [failed('s1')],
    }),
    titles: [],
    severities: [],
  },
  {
    row: 3,
    name: 'type in never',
    round: round({
      clusters: [ctx('prod', { rules: { muted: false, only: [], never: ['member-failed'] } })],
      events: [failed('s1')],
    }),
    titles: [],
    severities: [],
  },
  {
    row: 4,
    name: 'only set, type not in it (leader-lost is in it)',
    round: round({
      clusters: [ctx('prod', { rules: { muted: false, only: ['leader-lost'], never: [] } })],
      events: [failed('s1'), ev('leader-lost', { region: 'global' })],
    }),
    titles: ['prod: no leader in global'],
    severities: ['critical'],
  },
  {
    row: 5,
    name: 'operator action',
    round: round({ events: [ev('action-force-leave', { member: 's1.global' })] }),
    titles: [],
    severities: [],
  },
  {
    row: 6,
    name: 'new problem',
    round: round({ events: [failed('s1')] }),
    titles: ['prod: s1 failed'],
    severities: ['warning'],
  },
  {
    row: 7,
    name: 'same problem again at the same severity',
    before: [round({ events: [ev('cluster-unreachable')] })],
    round: round({ now: T0 + MIN, events: [ev('cluster-unreachable', { time: T0 + MIN })] }),
    titles: [],
    severities: [],
  },
  {
    row: 8,
    name: 'same problem, worse severity (escalation)',
    before: [round({ events: [ev('quorum-at-risk', { region: 'global' })] })],
    round: round({
      now: T0 + MIN,
      events: [ev('quorum-at-risk', { region: 'global', severity: 'critical' })],
    }),
    titles: ['prod: quorum at risk in global'],
    severities: ['critical'],
  },
  {
    row: 9,
    name: 'another member fails while one is notified',
    before: [round({ events: [failed('s1')] })],
    round: round({ now: T0 + MIN, events: [failed('s2')] }),
    titles: ['prod: s2 failed'],
    severities: ['warning'],
  },
  {
    row: 10,
    name: 'flapping',
    round: round({ events: [ev('flapping', { member: 's3.global', region: 'global', severity: 'info' })] }),
    titles: ['prod: s3 is flapping'],
    severities: ['warning'],
  },
  {
    row: 11,
    name: 'recovery of a notified problem',
    before: [round({ events: [failed('s1')] })],
    round: round({
      now: T0 + MIN,
      events: [ev('member-recovered', { member: 's1.global', region: 'global' })],
    }),
    titles: ['prod: s1 is alive again'],
    severities: ['info'],
  },
  {
    row: 12,
    name: 'recovery with recovery notifications off',
    before: [round({ events: [failed('s1')] })],
    round: round({
      now: T0 + MIN,
      settings: settings({ recoveryNotifications: false }),
      events: [ev('member-recovered', { member: 's1.global', region: 'global' })],
    }),
    titles: [],
    severities: [],
    check: (d) => expect(d.memory.clusters['prod']?.open).toEqual({}),
  },
  {
    row: 13,
    name: 'recovery of a problem never notified',
    round: round({ events: [ev('member-recovered', { member: 's1.global', region: 'global' })] }),
    titles: [],
    severities: [],
  },
  {
    row: 14,
    name: 'leader elected after a notified leader-lost',
    before: [round({ events: [ev('leader-lost', { region: 'global' })] })],
    round: round({
      now: T0 + MIN,
      events: [ev('leader-changed', { region: 'global', to: '10.0.0.1:4647' })],
    }),
    titles: ['prod: leader elected in global'],
    severities: ['info'],
  },
  {
    row: 15,
    name: 'plain fact',
    round: round({ events: [ev('member-joined', { member: 's4.global', region: 'global' })] }),
    titles: ['prod: s4 joined'],
    severities: ['info'],
  },
  {
    row: 16,
    name: 'more than 3 notices for one cluster',
    round: round({ events: ['s1', 's2', 's3', 's4'].map((s) => failed(s)) }),
    titles: ['prod: 4 servers failed'],
    severities: ['warning'],
  },
  {
    row: 17,
    name: 'every enabled cluster unreachable',
    round: allDown,
    titles: ['Network unavailable — all 3 clusters unreachable'],
    severities: ['critical'],
  },
  {
    row: 18,
    name: 'clusters of a shown outage come back',
    before: [allDown],
    round: round({
      now: T0 + MIN,
      clusters: three.map((id) => ctx(id)),
      events: three.map((id) => ev('cluster-recovered', { clusterId: id })),
    }),
    titles: ['Network restored'],
    severities: ['info'],
  },
  {
    row: 19,
    name: 'auth failure while the others are unreachable',
    round: round({
      clusters: [
        ctx('a', { state: 'forbidden' }),
        ctx('b', { state: 'unreachable' }),
        ctx('c', { state: 'unreachable' }),
      ],
      events: [
        ev('auth-failed', { clusterId: 'a' }),
        ev('cluster-unreachable', { clusterId: 'b' }),
        ev('cluster-unreachable', { clusterId: 'c' }),
      ],
    }),
    titles: ['a: ACL token refused', 'b: unreachable', 'c: unreachable'],
    severities: ['critical', 'critical', 'critical'],
  },
  {
    row: 20,
    name: 'snoozed, not worse',
    round: round({
      clusters: [ctx('prod', { snooze: { until: T0 + HOUR, severityAtSnooze: 'warning' } })],
      events: [failed('s1')],
    }),
    titles: [],
    severities: [],
    lifted: [],
  },
  {
    row: 21,
    name: 'snoozed, worse',
    round: round({
      clusters: [ctx('prod', { snooze: { until: T0 + HOUR, severityAtSnooze: 'warning' } })],
      events: [ev('leader-lost', { region: 'global' })],
    }),
    titles: ['prod: no leader in global'],
    severities: ['critical'],
    lifted: ['prod'],
  },
  {
    row: 22,
    name: 'until-recovered snooze, cluster recovers',
    before: [round({ events: [ev('cluster-unreachable')] })],
    round: round({
      now: T0 + MIN,
      clusters: [ctx('prod', { snooze: { until: 'until-recovered', severityAtSnooze: 'critical' } })],
      events: [ev('cluster-recovered')],
    }),
    titles: ['prod: reachable again'],
    severities: ['info'],
    lifted: ['prod'],
  },
  {
    row: 23,
    name: 'timed snooze expired',
    round: round({
      clusters: [ctx('prod', { snooze: { until: T0 - 1, severityAtSnooze: 'critical' } })],
      events: [failed('s1')],
    }),
    titles: ['prod: s1 failed'],
    severities: ['warning'],
    lifted: ['prod'],
  },
  {
    row: 24,
    name: 'quiet hours, warning',
    round: round({ now: at(23, 30), settings: quiet, events: [failed('s1', { time: at(23, 30) })] }),
    titles: [],
    severities: [],
  },
  {
    row: 25,
    name: 'quiet hours, critical',
    round: round({ now: at(23, 30), settings: quiet, events: [ev('leader-lost', { region: 'global' })] }),
    titles: ['prod: no leader in global'],
    severities: ['critical'],
  },
  {
    row: 26,
    name: 'state bad, reminder due',
    before: [
      round({
        clusters: [ctx('prod', { state: 'unreachable' })],
        settings: settings({ reminderIntervalMs: HOUR }),
      }),
    ],
    round: round({
      now: T0 + HOUR,
      clusters: [ctx('prod', { state: 'unreachable' })],
      settings: settings({ reminderIntervalMs: HOUR }),
    }),
    titles: ['prod: still unreachable'],
    severities: ['critical'],
    check: (d) => expect(d.memory.clusters['prod']?.reminder?.intervalMs).toBe(2 * HOUR),
  },
  {
    row: 27,
    name: 'state no longer bad',
    before: [
      round({
        clusters: [ctx('prod', { state: 'unreachable' })],
        settings: settings({ reminderIntervalMs: HOUR }),
      }),
    ],
    round: round({
      now: T0 + HOUR,
      clusters: [ctx('prod')],
      settings: settings({ reminderIntervalMs: HOUR }),
    }),
    titles: [],
    severities: [],
    check: (d) => expect(d.memory.clusters['prod']?.reminder).toBeNull(),
  },
  {
    row: 28,
    name: 'some clusters of a shown outage back, others not yet',
    before: [allDown],
    round: round({
      now: T0 + MIN,
      clusters: [ctx('a'), ctx('b', { state: 'unreachable' }), ctx('c', { state: 'unreachable' })],
      events: [ev('cluster-recovered', { clusterId: 'a' })],
    }),
    titles: [],
    severities: [],
    check: (d) => expect(d.memory.network?.restoringSince).toBe(T0 + MIN),
  },
  {
    row: 29,
    name: 'settle time after the first came back, one still down',
    before: [
      allDown,
      round({
        now: T0 + MIN,
        clusters: [ctx('a'), ctx('b'), ctx('c', { state: 'unreachable' })],
        events: ['a', 'b'].map((id) => ev('cluster-recovered', { clusterId: id })),
      }),
    ],
    round: round({
      now: T0 + MIN + NETWORK_SETTLE_MS,
      clusters: [ctx('a'), ctx('b'), ctx('c', { state: 'unreachable' })],
    }),
    titles: ['Network restored'],
    severities: ['info'],
    check: (d) => {
      expect(d.notices[0]?.body).toBe('2 clusters reachable again; still unreachable: c');
      expect(d.memory.network).toBeNull();
    },
  },
  {
    row: 30,
    name: 'a cluster still down after "Network restored" recovers',
    before: [
      allDown,
      round({
        now: T0 + MIN,
        clusters: [ctx('a'), ctx('b'), ctx('c', { state: 'unreachable' })],
        events: ['a', 'b'].map((id) => ev('cluster-recovered', { clusterId: id })),
      }),
      round({
        now: T0 + MIN + NETWORK_SETTLE_MS,
        clusters: [ctx('a'), ctx('b'), ctx('c', { state: 'unreachable' })],
      }),
    ],
    round: round({
      now: T0 + 10 * MIN,
      clusters: three.map((id) => ctx(id)),
      events: [ev('cluster-recovered', { clusterId: 'c' })],
    }),
    titles: ['c: reachable again'],
    severities: ['info'],
  },
  {
    row: 31,
    name: 'an outage cluster comes back refusing the token',
    before: [allDown],
    round: round({
      now: T0 + MIN,
      clusters: [ctx('a'), ctx('b'), ctx('c', { state: 'forbidden' })],
      events: [
        ev('cluster-recovered', { clusterId: 'a' }),
        ev('cluster-recovered', { clusterId: 'b' }),
        ev('auth-failed', { clusterId: 'c' }),
      ],
    }),
    titles: ['c: ACL token refused', 'Network restored'],
    severities: ['critical', 'info'],
  },
  {
    row: 32,
    name: 'first round after sleep/resume: a problem confirmed in it is notified and recorded as open',
    // Before the sleep: healthy rounds; the engine passes no baseline flag after a wake.
    before: [round({ now: T0 - 2 * MIN }), round({ now: T0 - MIN })],
    round: round({ now: T0 + HOUR, events: [failed('s1')], clusters: [ctx('prod', { state: 'degraded' })] }),
    titles: ['prod: s1 failed'],
    severities: ['warning'],
    check: (d) => {
      // Recorded as notified: its recovery is announced later.
      const next = decideNotifications(
        d.memory,
        round({
          now: T0 + HOUR + MIN,
          events: [
            ev('member-recovered', { member: 's1.global', region: 'global', from: 'failed', to: 'alive' }),
          ],
        }),
      );
      expect(next.notices).toHaveLength(1);
    },
  },
];

const quorumAtRisk = ev('quorum-at-risk', { region: 'global', severity: 'critical', from: '3/3', to: '2/3' });
rows.push(
  {
    row: 33,
    name: 'quorum restored after a notified quorum-at-risk',
    before: [round({ events: [quorumAtRisk] })],
    round: round({
      now: T0 + MIN,
      events: [ev('quorum-restored', { region: 'global', from: '2/3', to: '3/3' })],
    }),
    titles: ['prod: quorum restored in global'],
    severities: ['info'],
    check: (d) => {
      expect(d.notices[0]?.resolves).toEqual(['prod#quorum-at-risk||global']);
      expect(d.notices[0]?.body).toBe('2/3 → 3/3, since 12:00; resolves “quorum at risk in global” (12:00)');
      // Sent once: a second restore finds nothing open.
      const again = decideNotifications(
        d.memory,
        round({ now: T0 + 2 * MIN, events: [ev('quorum-restored', { region: 'global' })] }),
      );
      expect(again.notices).toEqual([]);
    },
  },
  {
    row: 34,
    name: 'token accepted again after a notified auth-failed',
    before: [round({ events: [ev('auth-failed')], clusters: [ctx('prod', { state: 'forbidden' })] })],
    round: round({ now: T0 + MIN, events: [ev('cluster-recovered')] }),
    titles: ['prod: ACL token accepted again'],
    severities: ['info'],
    check: (d) => expect(d.notices[0]?.resolves).toEqual(['prod#auth-failed||']),
  },
  {
    row: 35,
    name: 'a resolution lists the tags of the notices it resolves (problem notices carry their tag)',
    before: [round({ events: [ev('leader-lost', { region: 'global' })] })],
    round: round({
      now: T0 + MIN,
      events: [ev('leader-changed', { region: 'global', to: '10.0.0.1:4647' })],
    }),
    titles: ['prod: leader elected in global'],
    severities: ['info'],
    check: (d) => {
      const first = decideNotifications(null, round({ events: [ev('leader-lost', { region: 'global' })] }));
      expect(first.notices[0]?.tag).toBe('prod#leader-lost||global');
      expect(d.notices[0]?.resolves).toEqual(['prod#leader-lost||global']);
    },
  },
  {
    row: 36,
    name: 'quiet hours: the resolution of a critical notice comes through (a warning one does not)',
    before: [
      round({
        now: at(23, 0),
        settings: quiet,
        events: [quorumAtRisk, failed('s1')],
        clusters: [ctx('prod', { state: 'critical' })],
      }),
    ],
    round: round({
      now: at(23, 5),
      settings: quiet,
      events: [
        ev('quorum-restored', { region: 'global', from: '2/3', to: '3/3' }),
        ev('member-recovered', { member: 's1.global', region: 'global', from: 'failed', to: 'alive' }),
      ],
    }),
    titles: ['prod: quorum restored in global'],
    severities: ['info'],
  },
);

describe('decideNotifications: decision table', () => {
  it('has one row per table line, numbered 1..36', () => {
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
  });

  it.each(rows)('row $row: $name', (r) => {
    const { memory } = runRounds(r.before ?? []);
    const d = decideNotifications(memory, r.round);
    expect(d.notices.map((n) => n.title)).toEqual(r.titles);
    expect(d.notices.map((n) => n.severity)).toEqual(r.severities);
    if (r.lifted !== undefined) expect(d.snoozeLifted).toEqual(r.lifted);
    r.check?.(d);
  });
});

describe('row 38: a leader loss is one notice, not two', () => {
  const serverHealth = (type: 'health-degraded' | 'health-recovered') => ev(type, { role: 'server' });

  it('the server health check failing in the leader-lost round is said by the leader-lost notice', () => {
    const lost = decideNotifications(
      null,
      round({ events: [ev('leader-lost', { region: 'global' }), serverHealth('health-degraded')] }),
    );
    expect(lost.notices.map((n) => [n.type, n.severity])).toEqual([['leader-lost', 'critical']]);
    const back = decideNotifications(
      lost.memory,
      round({
        now: T0 + MIN,
        events: [
          ev('leader-changed', { region: 'global', to: '10.0.0.1:4647' }),
          serverHealth('health-recovered'),
        ],
      }),
    );
    expect(back.notices.map((n) => n.title)).toEqual(['prod: leader elected in global']);
    expect(back.notices[0]?.resolves).toEqual(['prod#leader-lost||global']);
  });

  it('a failing health check without a leader loss, or of the client role, is still notified', () => {
    const alone = decideNotifications(null, round({ events: [serverHealth('health-degraded')] }));
    expect(alone.notices.map((n) => n.type)).toEqual(['health-degraded']);
    const client = decideNotifications(
      null,
      round({
        events: [ev('leader-lost', { region: 'global' }), ev('health-degraded', { role: 'client' })],
      }),
    );
    expect(client.notices.map((n) => n.type)).toEqual(['leader-lost', 'health-degraded']);
    const other = decideNotifications(
      null,
      round({
        events: [
          ev('leader-lost', { region: 'global', clusterId: 'a' }),
          ev('health-degraded', { role: 'server', clusterId: 'b' }),
        ],
        clusters: [ctx('a'), ctx('b')],
      }),
    );
    expect(other.notices.map((n) => `${n.clusterId}:${n.type}`)).toEqual([
      'a:leader-lost',
      'b:health-degraded',
    ]);
  });

  it('only the failing check is folded: the server check flapping in the leader-lost round is still notified', () => {
    const flap = ev('flapping', { role: 'server', key: 'health:server', severity: 'warning' });
    const d = decideNotifications(null, round({ events: [ev('leader-lost', { region: 'global' }), flap] }));
    expect(d.notices.map((n) => n.type)).toEqual(['leader-lost', 'flapping']);
  });
});
