/**
 * Client node list logic for the Nodes view: problems-first order, the filter, and the counts per status,
 * datacenter and node pool. Pure. Names are data: counts are kept in Maps and returned as pairs, never as
 * object keys (a datacenter named `__proto__` is one more datacenter).
 */
import type { NomadNode, NodeStatus } from '../../common/nomad-domain.js';
import { natural } from '../../common/member-order.js';
import { isNodeProblem, isRetiredNode } from '../../common/node-status.js';

/** How a node takes work: draining (a drain is set), ineligible (marked so), or eligible. */
export type Scheduling = 'draining' | 'ineligible' | 'eligible';

export function schedulingOf(node: NomadNode): Scheduling {
  if (node.drain) return 'draining';
  return node.eligible ? 'eligible' : 'ineligible';
}

/**
 * How urgent a node is, most urgent first: down, disconnected, then what takes no work or says something this
 * version does not know (ineligible, draining, retired, an unknown status), then initializing, then ready.
 */
export function nodeUrgency(node: NomadNode): number {
  if (isNodeProblem(node)) return node.status === 'down' ? 0 : 1;
  if (node.status === 'unknown' || schedulingOf(node) !== 'eligible') return 2;
  if (node.status === 'initializing') return 3;
  return 4;
}

/** The nodes in table order: problems first (see nodeUrgency), then by name, then by ID (names may repeat). */
export function sortNodes(nodes: readonly NomadNode[]): NomadNode[] {
  return [...nodes].sort(
    (a, b) => nodeUrgency(a) - nodeUrgency(b) || natural(a.name, b.name) || natural(a.id, b.id),
  );
}

/**
 * Keeps nodes whose name, datacenter, node pool, class or status (scheduling and `retired` too) contains `text`,
 * in any case.
 */
export function filterNodes(nodes: readonly NomadNode[], text: string): NomadNode[] {
  const needle = text.trim().toLowerCase();
  if (needle === '') return [...nodes];
  return nodes.filter((n) =>
    [n.name, n.datacenter, n.nodePool, n.nodeClass, n.statusRaw, schedulingOf(n), statusKey(n)].some((f) =>
      f.toLowerCase().includes(needle),
    ),
  );
}

/** What the counts line shows per status: a node status, or how a ready node takes no work. */
export type NodeCountKey = NodeStatus | Exclude<Scheduling, 'eligible'> | 'retired';

export interface NodeCounts {
  /**
   * Most urgent first; draining/ineligible count nodes that are otherwise ready, retired the down ones that were
   * ineligible. Only keys that occur.
   */
  status: { key: NodeCountKey; count: number }[];
  /** [name, count] pairs in natural name order. */
  datacenter: [string, number][];
  pool: [string, number][];
}

const KEY_ORDER: readonly NodeCountKey[] = [
  'down',
  'disconnected',
  'unknown',
  'retired',
  'draining',
  'ineligible',
  'initializing',
  'ready',
];

/** The word a node's status shows as: Nomad's status, `retired` for a down node that was ineligible. */
export function statusKey(node: NomadNode): NodeStatus | 'retired' {
  return isRetiredNode(node) ? 'retired' : node.status;
}

function countKey(node: NomadNode): NodeCountKey {
  const scheduling = schedulingOf(node);
  return node.status === 'ready' && scheduling !== 'eligible' ? scheduling : statusKey(node);
}

function tally(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

const sortedPairs = (map: Map<string, number>): [string, number][] =>
  [...map].sort(([a], [b]) => natural(a, b));

export function nodeCounts(nodes: readonly NomadNode[]): NodeCounts {
  const status = new Map<string, number>();
  const datacenter = new Map<string, number>();
  const pool = new Map<string, number>();
  for (const n of nodes) {
    tally(status, countKey(n));
    tally(datacenter, n.datacenter);
    tally(pool, n.nodePool);
  }
  return {
    status: KEY_ORDER.filter((key) => status.has(key)).map((key) => ({ key, count: status.get(key) ?? 0 })),
    datacenter: sortedPairs(datacenter),
    pool: sortedPairs(pool),
  };
}

/**
 * A drain time as Nomad sends it (RFC 3339) in epoch ms; null for Nomad's zero time (year 1: not set) and for
 * text that is no time (shown as it came).
 */
export function drainTime(text: string): number | null {
  const ms = Date.parse(text);
  return Number.isNaN(ms) || new Date(ms).getUTCFullYear() <= 1 ? null : ms;
}
