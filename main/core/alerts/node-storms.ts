/**
 * Client node storms: the node detector reports every node on its own (and history keeps those per-node events:
 * which node went down, when, in which pool); how many of them reach the user as ONE notice is decided here, per
 * cluster and datacenter, for the node events of one round. Only events the cluster's node rules let through
 * (pools, classes: rules.ts) are folded; the census is every node the detector confirmed.
 *
 * | # | in one datacenter, this round                                                    | delivered as                  |
 * |---|----------------------------------------------------------------------------------|-------------------------------|
 * | 1 | ≥ 2 nodes went down / disconnected, and now every node of it (≥ 2) is             | 1 `datacenter-partition`,     |
 * |   |                                                                                  | critical, count = its nodes   |
 * | 2 | more than NODE_STORM_SIZE went down / disconnected (not every node)              | 1 `nodes-down`, warning       |
 * | 3 | up to NODE_STORM_SIZE went down / disconnected (not every node)                  | each its own event            |
 * | 4 | more than NODE_STORM_SIZE are ready again                                        | 1 `nodes-ready`               |
 * | 5 | some are ready again, a storm / partition of it is open and none is down any more | 1 `nodes-ready` (resolves it) |
 * | 6 | up to NODE_STORM_SIZE are ready again, otherwise                                 | each its own `node-ready`     |
 * | 7 | a node the rules' pools / classes exclude                                        | never folded (nor notified)   |
 *
 * A folded event keeps the nodes it stands for in `details` (names), so its recovery closes their own problems
 * too (problems.ts) and a digest can still name them. Down and disconnected fold together (both mean: gone).
 */
import type { MonitorEvent, MonitorEventType, Severity } from '../../../common/domain.js';
import type { DatacenterCensus } from '../monitor/index.js';
import { foldGroups } from './digest.js';
import { DATACENTER_PROBLEMS, parts } from './problems.js';

/** More than this many nodes of one datacenter in one round are one notice (as the digest: more than 3). */
export const NODE_STORM_SIZE = 3;

/** The node event types each folded type stands for (what a rules `only` list may name instead). */
export const NODE_FOLDS: ReadonlyMap<MonitorEventType, readonly MonitorEventType[]> = new Map([
  ['nodes-down', ['node-down', 'node-disconnected']],
  ['datacenter-partition', ['node-down', 'node-disconnected']],
  ['nodes-ready', ['node-ready']],
]);

const KIND: ReadonlyMap<MonitorEventType, 'down' | 'ready'> = new Map([
  ['node-down', 'down'],
  ['node-disconnected', 'down'],
  ['node-ready', 'ready'],
]);

export interface StormContext {
  /** Node events the cluster's rules let through (pool, class); the others are never folded. */
  foldable: (e: MonitorEvent) => boolean;
  /** The cluster's nodes per datacenter after this round (undefined: not known, so never a partition). */
  census: (clusterId: string) => ReadonlyMap<string, DatacenterCensus> | undefined;
  /** The problem keys the user was told about and that are still open, for a cluster. */
  openKeys: (clusterId: string) => readonly string[];
}

/** The round's events with the node storms of each datacenter folded (rows above); order is kept. */
export function foldNodeStorms(events: readonly MonitorEvent[], ctx: StormContext): MonitorEvent[] {
  const groupOf = (e: MonitorEvent): string | null => {
    const kind = KIND.get(e.type);
    if (kind === undefined || e.datacenter === undefined || !ctx.foldable(e)) return null;
    return `${e.clusterId}\u0000${kind}\u0000${e.datacenter}`;
  };
  const where = (group: readonly MonitorEvent[]) => {
    const first = group[0] as MonitorEvent;
    const dc = first.datacenter ?? '';
    const census = ctx.census(first.clusterId)?.get(dc);
    return { first, dc, census, kind: KIND.get(first.type) };
  };
  // Only ever asked of a group of nodes gone (down / disconnected).
  const partition = (group: readonly MonitorEvent[]): boolean => {
    const { census } = where(group);
    return group.length >= 2 && census !== undefined && census.nodes >= 2 && census.bad >= census.nodes;
  };
  const closesStorm = (group: readonly MonitorEvent[]): boolean => {
    const { first, dc, census } = where(group);
    return (
      census !== undefined &&
      census.bad === 0 &&
      ctx.openKeys(first.clusterId).some((key) => {
        const p = parts(key);
        return DATACENTER_PROBLEMS.includes(p.type) && p.region === dc;
      })
    );
  };
  return foldGroups(
    events,
    groupOf,
    (group) =>
      group.length > NODE_STORM_SIZE ||
      (where(group).kind === 'down' ? partition(group) : closesStorm(group)),
    (group): MonitorEvent => {
      const { first, dc, census, kind } = where(group);
      const folded = (type: MonitorEventType, severity: Severity, count: number, message: string) => ({
        time: group.reduce((t, e) => Math.max(t, e.time), first.time),
        clusterId: first.clusterId,
        cluster: first.cluster,
        datacenter: dc,
        details: group.map((e) => e.node ?? ''),
        key: `nodes:${dc}`,
        type,
        severity,
        count,
        message,
      });
      const n = group.length;
      if (kind === 'ready') return folded('nodes-ready', 'info', n, `${dc}: ${n} nodes ready again`);
      if (partition(group) && census !== undefined) {
        const all = census.nodes;
        const message = `${dc}: all ${all} nodes down or disconnected — likely a partition of ${dc}`;
        return folded('datacenter-partition', 'critical', all, message);
      }
      return folded('nodes-down', 'warning', n, `${dc}: ${n} nodes down`);
    },
  );
}
