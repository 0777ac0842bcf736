import { describe, expect, it } from 'vitest';
import { MonitorEventSchema, type MonitorEvent } from '../../common/domain.js';
import { type ConfirmedView } from '../../main/core/monitor/index.js';
import { diffViews, flapEvents } from '../../main/core/monitor/diff.js';
import { makeView } from './builders.js';

const ctx = { clusterId: 'c1', clusterName: 'Prod', time: 5_000 };
const S2 = 'server-2.global';

function view(overrides: Partial<ConfirmedView> = {}): ConfirmedView {
  return makeView(overrides);
}
const withS2 = (status: string | null, extra: Record<string, string> = {}): Partial<ConfirmedView> => {
  const m: Record<string, string> = { 'server-1.global': 'alive', 'server-3.global': 'alive', ...extra };
  if (status !== null) m[S2] = status;
  return { members: m as ConfirmedView['members'] };
};
const down: Partial<ConfirmedView> = {
  reachability: 'unreachable',
  errorKind: 'unreachable',
  errorMessage: 'connect ECONNREFUSED 127.0.0.1:4646',
  errorDetail: 'connect ECONNREFUSED 127.0.0.1:4646',
};

type Expected = Pick<MonitorEvent, 'type' | 'severity' | 'message'> & Partial<MonitorEvent>;
type Row = {
  name: string;
  prev: Partial<ConfirmedView> | null;
  next: Partial<ConfirmedView>;
  want: Expected[];
};

const rows: Row[] = [
  { name: 'baseline (prev null) emits nothing', prev: null, next: withS2('failed'), want: [] },
  { name: 'no change, no event', prev: {}, next: {}, want: [] },
  {
    name: 'member-joined (new name)',
    prev: {},
    next: withS2('alive', { 'server-4.global': 'alive' }),
    want: [
      {
        type: 'member-joined',
        severity: 'info',
        member: 'server-4.global',
        to: 'alive',
        message: 'server-4.global joined',
      },
    ],
  },
  {
    name: 'member-joined (left → alive)',
    prev: withS2('left'),
    next: withS2('alive'),
    want: [
      {
        type: 'member-joined',
        severity: 'info',
        member: S2,
        from: 'left',
        to: 'alive',
        message: `${S2} joined again (was left)`,
      },
    ],
  },
  {
    name: 'member-failed',
    prev: {},
    next: withS2('failed'),
    want: [
      {
        type: 'member-failed',
        severity: 'warning',
        member: S2,
        from: 'alive',
        to: 'failed',
        message: `${S2} failed (was alive)`,
      },
    ],
  },
  {
    name: 'member-left (alive → leaving)',
    prev: {},
    next: withS2('leaving'),
    want: [
      {
        type: 'member-left',
        severity: 'info',
        member: S2,
        from: 'alive',
        to: 'leaving',
        message: `${S2} is leaving (was alive)`,
      },
    ],
  },
  {
    name: 'member-left (failed → left after force-leave)',
    prev: withS2('failed'),
    next: withS2('left'),
    want: [
      {
        type: 'member-left',
        severity: 'info',
        member: S2,
        from: 'failed',
        to: 'left',
        message: `${S2} left (was failed)`,
      },
    ],
  },
  { name: 'leaving → left emits nothing more', prev: withS2('leaving'), next: withS2('left'), want: [] },
  {
    name: 'member-recovered (failed → alive)',
    prev: withS2('failed'),
    next: {},
    want: [
      {
        type: 'member-recovered',
        severity: 'info',
        member: S2,
        from: 'failed',
        to: 'alive',
        message: `${S2} recovered (was failed)`,
      },
    ],
  },
  {
    name: 'member-recovered (leaving → alive)',
    prev: withS2('leaving'),
    next: {},
    want: [
      {
        type: 'member-recovered',
        severity: 'info',
        member: S2,
        from: 'leaving',
        to: 'alive',
        message: `${S2} recovered (was leaving)`,
      },
    ],
  },
  {
    name: 'member-removed',
    prev: withS2('left'),
    next: withS2(null),
    want: [
      {
        type: 'member-removed',
        severity: 'info',
        member: S2,
        from: 'left',
        message: `${S2} is no longer in the member list (was left)`,
      },
    ],
  },
  {
    name: 'leader-changed A → B',
    prev: {},
    next: { leaders: { global: '127.0.1.2:4647' } },
    want: [
      {
        type: 'leader-changed',
        severity: 'warning',
        region: 'global',
        from: '127.0.1.1:4647',
        to: '127.0.1.2:4647',
        message: 'leader of global changed 127.0.1.1:4647 → 127.0.1.2:4647',
      },
    ],
  },
  {
    name: 'leader-changed null → B (elected)',
    prev: { leaders: { global: null } },
    next: {},
    want: [
      {
        type: 'leader-changed',
        severity: 'info',
        region: 'global',
        to: '127.0.1.1:4647',
        message: 'global elected a leader: 127.0.1.1:4647',
      },
    ],
  },
  {
    name: 'leader-lost',
    prev: {},
    next: { leaders: { global: null } },
    want: [
      {
        type: 'leader-lost',
        severity: 'critical',
        region: 'global',
        from: '127.0.1.1:4647',
        message: 'no leader in region global (was 127.0.1.1:4647)',
      },
    ],
  },
  { name: 'leader unknown (key gone) emits nothing', prev: {}, next: { leaders: {} }, want: [] },
  {
    name: 'health-degraded',
    prev: {},
    next: { health: { server: false } },
    want: [
      {
        type: 'health-degraded',
        severity: 'warning',
        from: 'ok',
        to: 'not ok',
        message: 'server health check failing',
      },
    ],
  },
  {
    name: 'health-recovered',
    prev: { health: { client: false } },
    next: { health: { client: true } },
    want: [
      {
        type: 'health-recovered',
        severity: 'info',
        from: 'not ok',
        to: 'ok',
        message: 'client health check ok again',
      },
    ],
  },
  {
    name: 'cluster-unreachable',
    prev: {},
    next: down,
    want: [
      {
        type: 'cluster-unreachable',
        severity: 'critical',
        from: 'ok',
        to: 'unreachable',
        message: 'agent unreachable: connect ECONNREFUSED 127.0.0.1:4646',
      },
    ],
  },
  {
    name: 'cluster-unreachable (agent error)',
    prev: {},
    next: { reachability: 'error', errorKind: 'http', errorMessage: 'HTTP 500: rpc error' },
    want: [
      {
        type: 'cluster-unreachable',
        severity: 'critical',
        from: 'ok',
        to: 'error',
        message: 'agent answered with an error: HTTP 500: rpc error',
      },
    ],
  },
  {
    name: 'auth-failed',
    prev: {},
    next: {
      reachability: 'forbidden',
      errorKind: 'forbidden',
      errorMessage: 'refused',
      errorDetail: '403 Permission denied',
    },
    want: [
      {
        type: 'auth-failed',
        severity: 'critical',
        from: 'ok',
        to: 'forbidden',
        message: 'ACL token refused (403 Permission denied)',
      },
    ],
  },
  {
    name: 'tls-failed',
    prev: {},
    next: {
      reachability: 'tls',
      errorKind: 'tls',
      errorMessage: 'x',
      errorDetail: 'certificate signed by an unknown authority',
    },
    want: [
      {
        type: 'tls-failed',
        severity: 'critical',
        from: 'ok',
        to: 'tls',
        message: 'TLS: certificate signed by an unknown authority',
      },
    ],
  },
  {
    name: 'unreachable → error is the same outage',
    prev: down,
    next: { ...down, reachability: 'error' },
    want: [],
  },
  {
    name: 'cluster-recovered',
    prev: down,
    next: {},
    want: [
      {
        type: 'cluster-recovered',
        severity: 'info',
        from: 'unreachable',
        to: 'ok',
        message: 'agent reachable again (was unreachable)',
      },
    ],
  },
  {
    name: 'unreachable never produces member-failed, even if members differ',
    prev: {},
    next: { ...down, ...withS2('failed'), leaders: { global: null } },
    want: [
      {
        type: 'cluster-unreachable',
        severity: 'critical',
        message: 'agent unreachable: connect ECONNREFUSED 127.0.0.1:4646',
      },
    ],
  },
  {
    name: 'quorum-at-risk (3 servers, canLose 1 → 0)',
    prev: {},
    next: { quorum: { global: { alive: 2, expected: 3, canLose: 0 } } },
    want: [
      {
        type: 'quorum-at-risk',
        severity: 'critical',
        region: 'global',
        from: '3/3',
        to: '2/3',
        message: 'quorum in global: 2/3 alive, can lose 0',
      },
    ],
  },
  {
    name: 'quorum-at-risk (lost, from zero margin)',
    prev: { quorum: { global: { alive: 2, expected: 3, canLose: 0 } } },
    next: { quorum: { global: { alive: 1, expected: 3, canLose: -1 } } },
    want: [
      {
        type: 'quorum-at-risk',
        severity: 'critical',
        region: 'global',
        message: 'quorum lost in global: 1/3 alive, needs 2',
      },
    ],
  },
  {
    name: 'quorum-at-risk (lost in a 1-server region)',
    prev: { quorum: { dev: { alive: 1, expected: 1, canLose: 0 } } },
    next: { quorum: { dev: { alive: 0, expected: 1, canLose: -1 } } },
    want: [
      {
        type: 'quorum-at-risk',
        severity: 'critical',
        region: 'dev',
        message: 'quorum lost in dev: 0/1 alive, needs 1',
      },
    ],
  },
  {
    name: 'no quorum event for a 2-server region at zero margin',
    prev: { quorum: { global: { alive: 2, expected: 2, canLose: 0 } } },
    next: { quorum: { global: { alive: 2, expected: 2, canLose: 0 } } },
    want: [],
  },
  {
    name: 'no quorum event while 5 servers keep margin',
    prev: { quorum: { global: { alive: 5, expected: 5, canLose: 2 } } },
    next: { quorum: { global: { alive: 4, expected: 5, canLose: 1 } } },
    want: [],
  },
];

describe('diffViews', () => {
  it.each(rows)('$name', ({ prev, next, want }) => {
    const events = diffViews(prev === null ? null : view(prev), view(next), ctx);
    expect(events).toHaveLength(want.length);
    want.forEach((w, i) =>
      expect(events[i]).toMatchObject({ time: 5_000, clusterId: 'c1', cluster: 'Prod', ...w }),
    );
    for (const e of events) expect(MonitorEventSchema.safeParse(e).success).toBe(true);
  });

  it('orders several changes: reachability, members by name, leaders, health, quorum', () => {
    const events = diffViews(
      view(),
      view({
        ...withS2('failed', { 'server-0.global': 'alive' }),
        leaders: { global: '127.0.1.3:4647' },
        health: { server: false },
        quorum: { global: { alive: 2, expected: 3, canLose: 0 } },
      }),
      ctx,
    );
    expect(events.map((e) => e.type)).toEqual([
      'member-joined',
      'member-failed',
      'leader-changed',
      'health-degraded',
      'quorum-at-risk',
    ]);
  });
});

describe('structured fields: what the alert policy reads instead of the message', () => {
  it('every detector event names its key; health its role; a connection failure its cause', () => {
    const events = diffViews(
      view(),
      view({
        ...withS2('failed'),
        leaders: { global: '127.0.1.3:4647' },
        health: { server: false },
        quorum: { global: { alive: 2, expected: 3, canLose: 0 } },
      }),
      ctx,
    );
    expect(events.map((e) => [e.type, e.key, e.role])).toEqual([
      ['member-failed', `member:${S2}`, undefined],
      ['leader-changed', 'leader:global', undefined],
      ['health-degraded', 'health:server', 'server'],
      ['quorum-at-risk', 'quorum:global', undefined],
    ]);
    const [unreachable] = diffViews(view(), view(down), ctx);
    expect(unreachable).toMatchObject({
      type: 'cluster-unreachable',
      key: 'reachability',
      cause: 'connect ECONNREFUSED 127.0.0.1:4646',
    });
    const forbidden = {
      reachability: 'forbidden',
      errorKind: 'forbidden',
      errorDetail: '403 Permission denied',
    };
    const [refused] = diffViews(view(), view(forbidden as Partial<ConfirmedView>), ctx);
    expect(refused).toMatchObject({
      type: 'auth-failed',
      key: 'reachability',
      cause: '403 Permission denied',
    });
    const [back] = diffViews(view(down), view(), ctx);
    expect(back).toMatchObject({ type: 'cluster-recovered', key: 'reachability' });
  });

  it("auth-failed carries the token check's verdict and capability; other reachability events never do", () => {
    const acl = { aclReason: 'lacks-capability', capability: 'node:read' } as const;
    const forbidden = {
      reachability: 'forbidden',
      errorKind: 'forbidden',
      errorDetail: '403 Permission denied',
    } as Partial<ConfirmedView>;
    const [lacks] = diffViews(view(), view({ ...forbidden, errorAcl: acl }), ctx);
    expect([lacks?.type, lacks?.aclReason, lacks?.capability]).toEqual([
      'auth-failed',
      'lacks-capability',
      'node:read',
    ]);
    // a verdict without a capability (no token set) keeps no capability field at all
    const [none] = diffViews(view(), view({ ...forbidden, errorAcl: { aclReason: 'no-token' } }), ctx);
    expect(none).toMatchObject({ type: 'auth-failed', aclReason: 'no-token' });
    expect(none !== undefined && 'capability' in none).toBe(false);
    const [bare] = diffViews(view(), view(forbidden), ctx);
    expect(bare !== undefined && ('aclReason' in bare || 'capability' in bare)).toBe(false);
    // a verdict left on a view that is unreachable for another reason is not this event's
    const [down] = diffViews(
      view(),
      view({ reachability: 'error', errorKind: 'http', errorMessage: 'HTTP 500', errorAcl: acl }),
      ctx,
    );
    expect(down?.type).toBe('cluster-unreachable');
    expect(down !== undefined && ('aclReason' in down || 'capability' in down)).toBe(false);
  });

  it('a flapping event carries the flapping key and role', () => {
    const [e] = flapEvents([{ key: 'health:client', role: 'client', transitions: 4, windowMs: 60_000 }], ctx);
    expect(e).toMatchObject({
      key: 'health:client',
      role: 'client',
      message: expect.stringMatching(/^client health/),
    });
  });
});

describe('flapEvents', () => {
  const flaps = [
    { key: `member:${S2}`, member: S2, transitions: 4, windowMs: 120_000 },
    { key: 'leader:eu', region: 'eu', transitions: 5, windowMs: 60_000 },
    { key: 'reachability', transitions: 4, windowMs: 90_000 },
  ];
  const want = [
    {
      member: S2,
      message: `${S2} is flapping (4 changes within 2 min); its alerts are held until it settles`,
    },
    {
      region: 'eu',
      message: 'the leader of eu is flapping (5 changes within 60 s); its alerts are held until it settles',
    },
    {
      message:
        'the agent connection is flapping (4 changes within 90 s); its alerts are held until it settles',
    },
  ];
  it.each(flaps.map((f, i) => ({ f, w: want[i] })))('$f.key', ({ f, w }) => {
    const [e] = flapEvents([f], ctx);
    expect(e).toMatchObject({
      type: 'flapping',
      severity: 'warning',
      clusterId: 'c1',
      cluster: 'Prod',
      time: 5_000,
      ...w,
    });
    expect(MonitorEventSchema.safeParse(e).success).toBe(true);
  });
});

describe('diffViews: every field of the edge rows', () => {
  const at = { time: 5_000, clusterId: 'c1', cluster: 'Prod' };
  const diff = (prev: Partial<ConfirmedView>, next: Partial<ConfirmedView>) =>
    diffViews(view(prev), view(next), ctx);

  it('a new member that joins failed says its status; one already leaving or left says nothing', () => {
    expect(diff({}, withS2('alive', { 'server-4.global': 'failed' }))).toStrictEqual([
      {
        ...at,
        type: 'member-joined',
        severity: 'info',
        member: 'server-4.global',
        to: 'failed',
        message: 'server-4.global joined (status failed)',
        key: 'member:server-4.global',
      },
    ]);
    expect(diff({}, withS2('alive', { 'server-4.global': 'left', 'server-5.global': 'leaving' }))).toEqual(
      [],
    );
  });

  it('a member gone from the list names what it was', () => {
    expect(diff(withS2('failed'), withS2(null))).toStrictEqual([
      {
        ...at,
        type: 'member-removed',
        severity: 'info',
        member: S2,
        from: 'failed',
        message: `${S2} is no longer in the member list (was failed)`,
        key: `member:${S2}`,
      },
    ]);
  });

  it('an elected leader has no "from"; a lost one no "to"; a region new in this view says nothing', () => {
    expect(diff({ leaders: { global: null } }, { leaders: { global: 'a:4647' } })).toStrictEqual([
      {
        ...at,
        type: 'leader-changed',
        severity: 'info',
        region: 'global',
        to: 'a:4647',
        message: 'global elected a leader: a:4647',
        key: 'leader:global',
      },
    ]);
    expect(diff({ leaders: { global: 'a:4647' } }, { leaders: { global: null } })).toStrictEqual([
      {
        ...at,
        type: 'leader-lost',
        severity: 'critical',
        region: 'global',
        from: 'a:4647',
        message: 'no leader in region global (was a:4647)',
        key: 'leader:global',
      },
    ]);
    expect(diff({ leaders: {} }, { leaders: { eu: null } })).toEqual([]);
  });

  it('a health role seen for the first time says nothing', () => {
    expect(diff({ health: { server: true } }, { health: { server: true, client: false } })).toEqual([]);
    expect(diff({ health: { server: true, client: true } }, { health: { server: true } })).toEqual([]);
  });

  it('quorum restored names the figures before and after', () => {
    expect(
      diff(
        { quorum: { global: { alive: 2, expected: 3, canLose: 0 } } },
        { quorum: { global: { alive: 3, expected: 3, canLose: 1 } } },
      ),
    ).toStrictEqual([
      {
        ...at,
        type: 'quorum-restored',
        severity: 'info',
        region: 'global',
        from: '2/3',
        to: '3/3',
        message: 'quorum restored in global: 3/3 alive, can lose 1',
        key: 'quorum:global',
      },
    ]);
    expect(diff({ quorum: {} }, { quorum: { eu: { alive: 1, expected: 3, canLose: -1 } } })).toEqual([]);
  });

  it('a failure on our side (settings) is named as such, with the same sentence as its cause', () => {
    const ours: Partial<ConfirmedView> = {
      reachability: 'error',
      errorKind: 'config',
      errorMessage: 'cannot read /etc/nomad/ca.pem',
      errorDetail: null,
    };
    expect(diff({}, ours)).toStrictEqual([
      {
        ...at,
        type: 'cluster-unreachable',
        severity: 'critical',
        from: 'ok',
        to: 'error',
        message: 'settings: cannot read /etc/nomad/ca.pem',
        cause: 'settings: cannot read /etc/nomad/ca.pem',
        key: 'reachability',
      },
    ]);
    expect(diff(ours, {})).toMatchObject([
      { type: 'cluster-recovered', message: 'agent reachable again (was error)' },
    ]);
  });

  it('an agent error without any detail still says so', () => {
    const bare: Partial<ConfirmedView> = {
      reachability: 'error',
      errorKind: 'http',
      errorMessage: null,
      errorDetail: null,
    };
    expect(diff({}, bare)).toMatchObject([
      { type: 'cluster-unreachable', message: 'agent answered with an error: no detail', cause: 'no detail' },
    ]);
    const ownBare: Partial<ConfirmedView> = { ...bare, errorKind: 'internal' };
    expect(diff({}, ownBare)).toMatchObject([
      { message: 'internal error: no detail', cause: 'internal error: no detail' },
    ]);
  });

  it('a refused token after a TLS failure is a new kind of failure; the detail wins over the message', () => {
    const tls: Partial<ConfirmedView> = {
      reachability: 'tls',
      errorKind: 'tls',
      errorMessage: 'tls',
      errorDetail: 'bad CA',
    };
    const refused: Partial<ConfirmedView> = {
      reachability: 'forbidden',
      errorKind: 'forbidden',
      errorMessage: 'Permission denied',
      errorDetail: '403 Permission denied',
    };
    expect(diff(tls, refused)).toStrictEqual([
      {
        ...at,
        type: 'auth-failed',
        severity: 'critical',
        from: 'tls',
        to: 'forbidden',
        message: 'ACL token refused (403 Permission denied)',
        cause: '403 Permission denied',
        key: 'reachability',
      },
    ]);
  });

  it('members changed in a map confirm() did not annotate are still found, sorted by name', () => {
    const prev = { members: { b: 'alive', a: 'alive', c: 'failed' } } as Partial<ConfirmedView>;
    const next = { members: { c: 'alive', b: 'failed', d: 'alive' } } as Partial<ConfirmedView>;
    expect(diff(prev, next).map((e) => [e.type, e.member])).toEqual([
      ['member-removed', 'a'],
      ['member-failed', 'b'],
      ['member-recovered', 'c'],
      ['member-joined', 'd'],
    ]);
  });
});

describe('diffViews: what must stay silent, and order', () => {
  const diff = (prev: Partial<ConfirmedView>, next: Partial<ConfirmedView>) =>
    diffViews(view(prev), view(next), ctx);

  it('leaders and quorum changes come sorted by region', () => {
    const leaders = diff(
      { leaders: { west: 'a:1', east: 'b:1' } },
      { leaders: { west: 'c:1', east: 'd:1' } },
    );
    expect(leaders.map((e) => e.region)).toEqual(['east', 'west']);
    const q = (canLose: number) => ({ alive: 3, expected: 3, canLose });
    const quorum = diff({ quorum: { west: q(1), east: q(1) } }, { quorum: { west: q(0), east: q(0) } });
    expect(quorum.map((e) => e.region)).toEqual(['east', 'west']);
  });

  it('a region first seen with a leader is not an election', () => {
    expect(diff({ leaders: {} }, { leaders: { eu: 'x:4647' } })).toEqual([]);
  });

  it('a member list that becomes readable announces nobody', () => {
    expect(diff({ members: null }, {})).toEqual([]);
    expect(diff({}, { members: null })).toEqual([]);
  });

  it('a member that left showing as leaving, or an alive one turning unknown, is not news', () => {
    expect(diff(withS2('left'), withS2('leaving'))).toEqual([]);
    expect(diff(withS2('alive'), withS2('unknown'))).toEqual([]);
  });

  it('quorum already lost, losing more, and zero margin staying zero, say nothing new', () => {
    expect(
      diff(
        { quorum: { global: { alive: 1, expected: 3, canLose: -1 } } },
        { quorum: { global: { alive: 0, expected: 3, canLose: -2 } } },
      ),
    ).toEqual([]);
    expect(
      diff(
        { quorum: { global: { alive: 2, expected: 3, canLose: 0 } } },
        { quorum: { global: { alive: 3, expected: 5, canLose: 0 } } },
      ),
    ).toEqual([]);
  });

  it('a flap notice without member, region or role carries none of those fields', () => {
    expect(flapEvents([{ key: 'reachability', transitions: 4, windowMs: 90_000 }], ctx)).toStrictEqual([
      {
        time: 5_000,
        clusterId: 'c1',
        cluster: 'Prod',
        type: 'flapping',
        severity: 'warning',
        message:
          'the agent connection is flapping (4 changes within 90 s); its alerts are held until it settles',
        key: 'reachability',
      },
    ]);
  });
});
