/**
 * Per-cluster notification rules, one row per line of main/core/alerts/rules.ts's table (eventAllowed reads the
 * event's structured fields: type, nodePool, nodeClass), then the rules inside a policy round with node storms.
 */
import { describe, expect, it } from 'vitest';
import type { MonitorEvent } from '../../common/domain.js';
import type { NotificationRules } from '../../common/settings-schema.js';
import { decideNotifications } from '../../main/core/alerts/index.js';
import { eventAllowed } from '../../main/core/alerts/rules.js';
import { ctx, ev, round } from './builders.js';

const rules = (over: Partial<NotificationRules> = {}): NotificationRules => ({
  muted: false,
  only: [],
  never: [],
  ...over,
});
const down = (pool: string, cls = '', over: Partial<MonitorEvent> = {}) =>
  ev('node-down', {
    node: 'n1',
    datacenter: 'dc1',
    nodePool: pool,
    nodeClass: cls,
    severity: 'warning',
    ...over,
  });
const storm = ev('nodes-down', { datacenter: 'dc1', count: 5, severity: 'warning' });
const partition = ev('datacenter-partition', { datacenter: 'dc1', count: 5, severity: 'critical' });

interface Row {
  row: string;
  rules: NotificationRules | undefined;
  event: MonitorEvent;
  allowed: boolean;
}

const rows: Row[] = [
  { row: '1 no rules', rules: undefined, event: down('batch'), allowed: true },
  { row: '1 default rules', rules: rules(), event: down('batch'), allowed: true },
  { row: '2 muted', rules: rules({ muted: true }), event: down('batch'), allowed: false },
  {
    row: '2 muted, a storm',
    rules: rules({ muted: true, only: ['node-down'] }),
    event: storm,
    allowed: false,
  },
  { row: '3 type in never', rules: rules({ never: ['node-down'] }), event: down('batch'), allowed: false },
  { row: '3 never names the storm', rules: rules({ never: ['nodes-down'] }), event: storm, allowed: false },
  {
    row: '3 never a member type: storms are their own type',
    rules: rules({ never: ['node-down'] }),
    event: storm,
    allowed: true,
  },
  {
    row: '4 only, type not in it',
    rules: rules({ only: ['member-failed'] }),
    event: down('batch'),
    allowed: false,
  },
  { row: '4 only, type in it', rules: rules({ only: ['node-down'] }), event: down('batch'), allowed: true },
  {
    row: '4 only other node types: no storm',
    rules: rules({ only: ['node-ready'] }),
    event: storm,
    allowed: false,
  },
  {
    row: '5 only node-down keeps its storm',
    rules: rules({ only: ['node-down'] }),
    event: storm,
    allowed: true,
  },
  {
    row: '5 only node-disconnected keeps a partition',
    rules: rules({ only: ['node-disconnected'] }),
    event: partition,
    allowed: true,
  },
  {
    row: '5 only partitions: no storm',
    rules: rules({ only: ['datacenter-partition'] }),
    event: storm,
    allowed: false,
  },
  {
    row: '5 only partitions: the partition',
    rules: rules({ only: ['datacenter-partition'] }),
    event: partition,
    allowed: true,
  },
  {
    row: '5 only node-down, storm type in never',
    rules: rules({ only: ['node-down'], never: ['nodes-down'] }),
    event: storm,
    allowed: false,
  },
  {
    row: '5 only a member type that is also in never',
    rules: rules({ only: ['node-down'], never: ['node-down'] }),
    event: storm,
    allowed: false,
  },
  {
    row: '6 pool in never',
    rules: rules({ nodePools: { only: [], never: ['batch'] } }),
    event: down('batch'),
    allowed: false,
  },
  {
    row: '6 another pool',
    rules: rules({ nodePools: { only: [], never: ['batch'] } }),
    event: down('web'),
    allowed: true,
  },
  {
    row: '7 only pools, not in it',
    rules: rules({ nodePools: { only: ['web'], never: [] } }),
    event: down('batch'),
    allowed: false,
  },
  {
    row: '7 only pools, in it',
    rules: rules({ nodePools: { only: ['web'], never: [] } }),
    event: down('web'),
    allowed: true,
  },
  {
    row: '7 only and never the same pool',
    rules: rules({ nodePools: { only: ['web'], never: ['web'] } }),
    event: down('web'),
    allowed: false,
  },
  {
    row: '8 class in never',
    rules: rules({ nodeClasses: { only: [], never: ['gpu'] } }),
    event: down('web', 'gpu'),
    allowed: false,
  },
  {
    row: '8 only classes, not in it',
    rules: rules({ nodeClasses: { only: ['gpu'], never: [] } }),
    event: down('web', ''),
    allowed: false,
  },
  {
    row: '8 only classes, in it',
    rules: rules({ nodeClasses: { only: ['gpu'], never: [] } }),
    event: down('web', 'gpu'),
    allowed: true,
  },
  {
    row: '8 pool allowed, class excluded',
    rules: rules({ nodePools: { only: ['web'], never: [] }, nodeClasses: { only: [], never: ['gpu'] } }),
    event: down('web', 'gpu'),
    allowed: false,
  },
  {
    row: '8 names are exact',
    rules: rules({ nodePools: { only: ['Web'], never: [] } }),
    event: down('web'),
    allowed: false,
  },
  {
    row: '9 a member event: pools do not apply',
    rules: rules({ nodePools: { only: ['web'], never: [] } }),
    event: ev('member-failed', { member: 's1' }),
    allowed: true,
  },
  {
    row: '9 a folded storm: pools do not apply',
    rules: rules({ nodePools: { only: ['web'], never: [] } }),
    event: storm,
    allowed: true,
  },
  {
    row: 'hostile pool __proto__ excluded',
    rules: rules({ nodePools: { only: [], never: ['__proto__'] } }),
    event: down('__proto__'),
    allowed: false,
  },
  {
    row: 'hostile pool constructor not named',
    rules: rules({ nodePools: { only: [], never: ['__proto__'] } }),
    event: down('constructor'),
    allowed: true,
  },
  {
    row: 'hostile: only constructor',
    rules: rules({ nodePools: { only: ['constructor'], never: [] } }),
    event: down('toString'),
    allowed: false,
  },
  {
    row: 'hostile class toString',
    rules: rules({ nodeClasses: { only: ['toString'], never: [] } }),
    event: down('web', 'toString'),
    allowed: true,
  },
];

describe('notification rules (rules.ts rows)', () => {
  it.each(rows)('row $row', ({ rules: r, event, allowed }) => {
    expect(eventAllowed(r, event)).toBe(allowed);
  });
});

describe('node pool / class rules in a policy round', () => {
  const dc = (pools: string[]) =>
    pools.map((pool, i) => down(pool, '', { node: `n${i + 1}`, key: `node:n${i + 1}` }));
  const withRules = (r: NotificationRules, census: { nodes: number; bad: number }) =>
    ctx('prod', { rules: r, datacenters: new Map([['dc1', census]]) });

  it('an excluded pool never swells a storm: 3 of 5 down nodes notify on their own', () => {
    const r = rules({ nodePools: { only: [], never: ['batch'] } });
    const d = decideNotifications(
      null,
      round({
        events: dc(['web', 'web', 'web', 'batch', 'batch']),
        clusters: [withRules(r, { nodes: 9, bad: 5 })],
      }),
    );
    expect(d.notices.map((n) => n.title)).toEqual([
      'prod: node n1 is down',
      'prod: node n2 is down',
      'prod: node n3 is down',
    ]);
  });

  it('a whole datacenter down is still a partition when some of it is excluded (the census counts every node)', () => {
    const r = rules({ nodePools: { only: ['web'], never: [] } });
    const d = decideNotifications(
      null,
      round({ events: dc(['web', 'web', 'batch']), clusters: [withRules(r, { nodes: 3, bad: 3 })] }),
    );
    expect(d.notices.map((n) => [n.type, n.title])).toEqual([
      ['datacenter-partition', 'prod: likely partition of dc1 (all 3 nodes down)'],
    ]);
    expect(d.notices[0]?.events[0]?.details).toEqual(['n1', 'n2']);
  });

  it('only node-down keeps storms and partitions; only partitions drops single nodes and storms', () => {
    const events = dc(['web', 'web', 'web', 'web']);
    const only = (types: NotificationRules['only'], census: { nodes: number; bad: number }) =>
      decideNotifications(
        null,
        round({ events, clusters: [withRules(rules({ only: types }), census)] }),
      ).notices.map((n) => n.type);
    expect(only(['node-down'], { nodes: 9, bad: 4 })).toEqual(['nodes-down']);
    expect(only(['node-down'], { nodes: 4, bad: 4 })).toEqual(['datacenter-partition']);
    expect(only(['datacenter-partition'], { nodes: 9, bad: 4 })).toEqual([]);
    expect(only(['datacenter-partition'], { nodes: 4, bad: 4 })).toEqual(['datacenter-partition']);
  });
});
