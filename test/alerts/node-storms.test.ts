/**
 * Client node storms, row by row (main/core/alerts/node-storms.ts's table), through decideNotifications: the node
 * detector's per-node events of one round, the cluster's census per datacenter, and what is delivered.
 */
import { describe, expect, it } from 'vitest';
import type { MonitorEvent, Severity } from '../../common/domain.js';
import { decideNotifications } from '../../main/core/alerts/index.js';
import { foldNodeStorms, NODE_STORM_SIZE } from '../../main/core/alerts/node-storms.js';
import type { DatacenterCensus, Notice, PolicyRound } from '../../main/core/monitor/types.js';
import { ctx, ev, MIN, round, runRounds, settings, T0 } from './builders.js';

type Census = Array<[string, DatacenterCensus]>;

/** node-down (or another node event) of `name` in `dc`. */
const nodeEv = (
  type: 'node-down' | 'node-disconnected' | 'node-ready',
  name: string,
  dc: string,
  over: Partial<MonitorEvent> = {},
): MonitorEvent =>
  ev(type, {
    node: name,
    datacenter: dc,
    key: `node:${name}`,
    severity: type === 'node-ready' ? 'info' : 'warning',
    from: type === 'node-ready' ? 'down' : 'ready',
    to: type === 'node-ready' ? 'ready' : type.slice(5),
    ...over,
  });
const downs = (dc: string, names: string[], type: 'node-down' | 'node-disconnected' = 'node-down') =>
  names.map((n) => nodeEv(type, n, dc));
const readies = (dc: string, names: string[]) => names.map((n) => nodeEv('node-ready', n, dc));
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

/** A round of prod's node events with its census after them. */
const nodeRound = (events: MonitorEvent[], census: Census, over: Partial<PolicyRound> = {}) =>
  round({
    events,
    clusters: [ctx('prod', { datacenters: new Map(census) })],
    ...over,
  });

const brief = (notices: readonly Notice[]) =>
  notices.map((n) => ({ type: n.type, title: n.title, severity: n.severity }));

interface Row {
  row: string;
  events: MonitorEvent[];
  census: Census;
  notices: Array<{ type: MonitorEvent['type'] | undefined; title: string; severity: Severity }>;
}

const rows: Row[] = [
  {
    row: '3: exactly NODE_STORM_SIZE down (not all): each its own notice',
    events: downs('dc2', names('w', NODE_STORM_SIZE)),
    census: [['dc2', { nodes: 6, bad: 3 }]],
    notices: names('w', 3).map((w) => ({
      type: 'node-down',
      title: `prod: node ${w} is down`,
      severity: 'warning',
    })),
  },
  {
    row: '2: one above NODE_STORM_SIZE: one nodes-down notice',
    events: downs('dc2', names('w', NODE_STORM_SIZE + 1)),
    census: [['dc2', { nodes: 6, bad: 4 }]],
    notices: [{ type: 'nodes-down', title: 'prod: dc2: 4 nodes down', severity: 'warning' }],
  },
  {
    row: '1: every node of a datacenter of 2 down at once: the critical partition notice',
    events: downs('dc2', ['a', 'b']),
    census: [['dc2', { nodes: 2, bad: 2 }]],
    notices: [
      {
        type: 'datacenter-partition',
        title: 'prod: likely partition of dc2 (all 2 nodes down)',
        severity: 'critical',
      },
    ],
  },
  {
    row: '1: one node of a datacenter of 1 is no partition (a node down)',
    events: downs('dc2', ['a']),
    census: [['dc2', { nodes: 1, bad: 1 }]],
    notices: [{ type: 'node-down', title: 'prod: node a is down', severity: 'warning' }],
  },
  {
    row: '1: the last node of a datacenter whose others were already down is no partition (not at once)',
    events: downs('dc2', ['c']),
    census: [['dc2', { nodes: 3, bad: 3 }]],
    notices: [{ type: 'node-down', title: 'prod: node c is down', severity: 'warning' }],
  },
  {
    row: '2: down and disconnected fold together',
    events: [...downs('dc2', ['a', 'b']), ...downs('dc2', ['c', 'd'], 'node-disconnected')],
    census: [['dc2', { nodes: 10, bad: 4 }]],
    notices: [{ type: 'nodes-down', title: 'prod: dc2: 4 nodes down', severity: 'warning' }],
  },
  {
    row: '1: down and disconnected making up a whole datacenter: a partition',
    events: [...downs('dc2', ['a', 'b', 'c']), ...downs('dc2', ['d', 'e'], 'node-disconnected')],
    census: [['dc2', { nodes: 5, bad: 5 }]],
    notices: [
      {
        type: 'datacenter-partition',
        title: 'prod: likely partition of dc2 (all 5 nodes down)',
        severity: 'critical',
      },
    ],
  },
  {
    row: '1 + 2: two datacenters in one update: a storm in one, a partition of the other',
    events: [...downs('dc1', names('a', 4)), ...downs('dc2', names('b', 5))],
    census: [
      ['dc1', { nodes: 10, bad: 4 }],
      ['dc2', { nodes: 5, bad: 5 }],
    ],
    notices: [
      { type: 'nodes-down', title: 'prod: dc1: 4 nodes down', severity: 'warning' },
      {
        type: 'datacenter-partition',
        title: 'prod: likely partition of dc2 (all 5 nodes down)',
        severity: 'critical',
      },
    ],
  },
  {
    row: '2: without a census (no node watcher answer known) a whole datacenter is a storm, never a guess',
    events: downs('dc2', names('w', 4)),
    census: [],
    notices: [{ type: 'nodes-down', title: 'prod: dc2: 4 nodes down', severity: 'warning' }],
  },
  {
    row: '2: hostile datacenter names are data',
    events: [...downs('__proto__', names('p', 4)), ...downs('constructor', ['c1', 'c2'])],
    census: [
      ['__proto__', { nodes: 9, bad: 4 }],
      ['constructor', { nodes: 2, bad: 2 }],
    ],
    notices: [
      { type: 'nodes-down', title: 'prod: __proto__: 4 nodes down', severity: 'warning' },
      {
        type: 'datacenter-partition',
        title: 'prod: likely partition of constructor (all 2 nodes down)',
        severity: 'critical',
      },
    ],
  },
  {
    row: '6: up to NODE_STORM_SIZE ready again, nothing notified before: silent (recoveries of nothing told)',
    events: readies('dc2', names('w', 3)),
    census: [['dc2', { nodes: 6, bad: 0 }]],
    notices: [],
  },
];

describe('node storms in the policy (node-storms.ts rows)', () => {
  it.each(rows)('row $row', ({ events, census, notices }) => {
    expect(brief(decideNotifications(null, nodeRound(events, census)).notices)).toEqual(notices);
  });

  it('a folded notice keeps its nodes: events and details name each one', () => {
    const [storm] = decideNotifications(
      null,
      nodeRound(downs('dc2', names('w', 4)), [['dc2', { nodes: 9, bad: 4 }]]),
    ).notices;
    expect(storm?.events[0]).toMatchObject({
      type: 'nodes-down',
      datacenter: 'dc2',
      count: 4,
      details: ['w1', 'w2', 'w3', 'w4'],
    });
  });

  it('4 + 5: a storm’s recovery resolves it, at once or when the last node is back', () => {
    const census = (bad: number): Census => [['dc2', { nodes: 6, bad }]];
    const storm = nodeRound(downs('dc2', names('w', 5)), census(5));
    const allBack = { ...nodeRound(readies('dc2', names('w', 5)), census(0)), now: T0 + MIN };
    const once = runRounds([storm, allBack]).perRound;
    const stormTag = once[0]?.[0]?.tag;
    expect(brief(once[1] ?? [])).toEqual([
      { type: 'nodes-ready', title: 'prod: dc2: 5 nodes ready again', severity: 'info' },
    ]);
    expect(once[1]?.[0]?.resolves).toEqual([stormTag]);
    // Back one by one: silent while some are still down, then one resolution with the last one.
    const dribble = [1, 2, 3, 4, 5].map((i) => ({
      ...nodeRound(readies('dc2', [`w${i}`]), census(5 - i)),
      now: T0 + i * MIN,
    }));
    const slow = runRounds([storm, ...dribble]).perRound;
    expect(slow.slice(1, 5).flat()).toEqual([]);
    expect(brief(slow[5] ?? [])).toEqual([
      { type: 'nodes-ready', title: 'prod: dc2: 1 node ready again', severity: 'info' },
    ]);
    expect(slow[5]?.[0]?.resolves).toEqual([stormTag]);
    expect(slow[5]?.[0]?.body).toContain('resolves “dc2: nodes down”');
  });

  it('5: a partition’s recovery resolves the critical notice', () => {
    const back = nodeRound(readies('dc2', ['a', 'b']), [['dc2', { nodes: 2, bad: 0 }]], { now: T0 + MIN });
    const p = runRounds([
      nodeRound(downs('dc2', ['a', 'b']), [['dc2', { nodes: 2, bad: 2 }]]),
      back,
    ]).perRound;
    expect(brief(p[1] ?? [])).toEqual([
      { type: 'nodes-ready', title: 'prod: dc2: 2 nodes ready again', severity: 'info' },
    ]);
    expect(p[1]?.[0]?.resolves).toEqual([p[0]?.[0]?.tag]);
    expect(p[1]?.[0]?.body).toContain('resolves “likely partition of dc2 (all nodes down)”');
  });

  it('4: a folded recovery also resolves the nodes that were told about on their own', () => {
    const census = (bad: number): Census => [['dc2', { nodes: 9, bad }]];
    const alone = nodeRound(downs('dc2', ['w1']), census(1));
    const storm = nodeRound(downs('dc2', ['w2', 'w3', 'w4', 'w5']), census(5), { now: T0 + MIN });
    const back = nodeRound(readies('dc2', names('w', 5)), census(0), { now: T0 + 2 * MIN });
    const { perRound } = runRounds([alone, storm, back]);
    expect(
      perRound
        .slice(0, 2)
        .flat()
        .map((n) => n.type),
    ).toEqual(['node-down', 'nodes-down']);
    expect(brief(perRound[2] ?? [])).toEqual([
      { type: 'nodes-ready', title: 'prod: dc2: 5 nodes ready again', severity: 'info' },
    ]);
    expect(perRound[2]?.[0]?.resolves).toEqual([perRound[0]?.[0]?.tag, perRound[1]?.[0]?.tag]);
    expect(perRound[2]?.[0]?.body).toContain('“node w1 is down”');
  });

  it('7: a muted cluster gets no storm and no partition notice', () => {
    const muted = ctx('prod', {
      rules: { muted: true, only: [], never: [] },
      datacenters: new Map([['dc2', { nodes: 4, bad: 4 }]]),
    });
    expect(
      decideNotifications(null, round({ events: downs('dc2', names('w', 4)), clusters: [muted] })).notices,
    ).toEqual([]);
  });

  it('snoozed: a storm (warning) stays quiet; a partition (critical) is worse, comes through and lifts it', () => {
    const snoozed = (bad: number, nodes: number) =>
      ctx('prod', {
        snooze: { until: T0 + 60 * MIN, severityAtSnooze: 'warning' },
        datacenters: new Map([['dc2', { nodes, bad }]]),
      });
    const storm = decideNotifications(
      null,
      round({ events: downs('dc2', names('w', 4)), clusters: [snoozed(4, 9)] }),
    );
    expect(storm.notices).toEqual([]);
    expect(storm.snoozeLifted).toEqual([]);
    const partition = decideNotifications(
      null,
      round({ events: downs('dc2', names('w', 4)), clusters: [snoozed(4, 4)] }),
    );
    expect(brief(partition.notices).map((n) => n.type)).toEqual(['datacenter-partition']);
    expect(partition.snoozeLifted).toEqual(['prod']);
  });

  it('quiet hours: a storm waits, a partition (critical) comes through', () => {
    const quiet = settings({ quietHours: { enabled: true, start: '00:00', end: '23:59' } });
    const storm = nodeRound(downs('dc2', names('w', 4)), [['dc2', { nodes: 9, bad: 4 }]], {
      settings: quiet,
    });
    const part = nodeRound(downs('dc2', names('w', 4)), [['dc2', { nodes: 4, bad: 4 }]], { settings: quiet });
    expect(decideNotifications(null, storm).notices).toEqual([]);
    expect(decideNotifications(null, part).notices.map((n) => n.type)).toEqual(['datacenter-partition']);
  });

  it('more than 3 folded notices in one round become one digest that counts datacenters', () => {
    const dcs = ['dc1', 'dc2', 'dc3', 'dc4'];
    const census: Census = dcs.map((dc, i) => [dc, { nodes: i < 2 ? 2 : 9, bad: i < 2 ? 2 : 4 }]);
    const events = dcs.flatMap((dc, i) => downs(dc, names(`${dc}-`, i < 2 ? 2 : 4)));
    const [digest, ...rest] = decideNotifications(null, nodeRound(events, census)).notices;
    expect(rest).toEqual([]);
    expect(digest).toMatchObject({
      type: 'digest',
      severity: 'critical',
      title: 'prod: 2 datacenters likely partitioned, 2 datacenters with many nodes down',
    });
    expect(digest?.events.map((e) => e.datacenter)).toEqual(dcs);
  });

  it('folds per cluster: the same datacenter name in two clusters is two groups', () => {
    const a = downs('dc1', names('a', 2));
    const b = downs('dc1', names('b', 2)).map((e) => ({ ...e, clusterId: 'other', cluster: 'other' }));
    const folded = foldNodeStorms([...a, ...b], {
      foldable: () => true,
      census: () => undefined,
      openKeys: () => [],
    });
    expect(folded.map((e) => e.type)).toEqual(['node-down', 'node-down', 'node-down', 'node-down']);
  });

  it('node events of a cluster the round has no context for: no rules, no census, still one storm notice', () => {
    const d = decideNotifications(
      null,
      round({ events: downs('dc2', names('w', NODE_STORM_SIZE + 1)), clusters: [ctx('other')] }),
    );
    expect(brief(d.notices)).toEqual([
      { type: 'nodes-down', title: 'prod: dc2: 4 nodes down', severity: 'warning' },
    ]);
  });
});
