/**
 * The node detector of one cluster, owned by the engine beside its Detector: each node list the node watcher
 * brings (only when the nodes index moved) is compared with the confirmed one, and what changed becomes events.
 *
 * - The first list is a silent baseline.
 * - Confirmation: Nomad has already waited out a node's heartbeat grace before it marks it `down` (or
 *   `disconnected`), so a status the servers report is taken as confirmed; what is debounced here is a node that
 *   keeps changing: FLAP_COUNT status changes within FLAP_WINDOW_MS make ONE `flapping` event for it, and its
 *   status events stay quiet until it has held one status for the window (then its settled status is reported
 *   if it differs from the last one reported).
 * - One event per node, always: how many nodes of a datacenter went down at once (a storm, a likely partition) is
 *   a question of delivery, which the alert policy answers (alerts/node-storms.ts) from these events and the
 *   per-datacenter census this detector keeps (`census()`).
 *
 * Events carry structured fields (node, datacenter); the policy reads those, never the message.
 */
import type { MonitorEvent, Severity } from '../../../common/domain.js';
import type { NomadNode } from '../../../common/nomad-domain.js';
import type { DatacenterCensus } from './types.js';
import { isNodeProblem, isRetiredNode } from '../../../common/node-status.js';

/** Status changes of one node within FLAP_WINDOW_MS that make it flapping. */
const FLAP_COUNT = 4;
const FLAP_WINDOW_MS = 10 * 60_000;

/** A confirmed node: what its events and the census read, its raw status, and the step that last listed it. */
type Facts = Pick<
  NomadNode,
  'id' | 'name' | 'datacenter' | 'nodePool' | 'nodeClass' | 'eligible' | 'drain' | 'modifyIndex'
> & {
  status: string;
  seen: number;
};

interface Flap {
  changes: number[];
  /** Flapping reported and not settled yet. */
  flapping: boolean;
}

function factsOf(n: NomadNode, seen = 0): Facts {
  return {
    id: n.id,
    name: n.name,
    datacenter: n.datacenter,
    nodePool: n.nodePool,
    nodeClass: n.nodeClass,
    status: n.statusRaw || n.status,
    eligible: n.eligible,
    drain: n.drain,
    modifyIndex: n.modifyIndex,
    seen,
  };
}

/** Detects node changes for one cluster; keeps its memory in Maps keyed by node ID. */
export class NodeDetector {
  private confirmed: Map<string, Facts> | null = null;
  private readonly flaps = new Map<string, Flap>();
  private steps = 0;
  /** X-Nomad-Index of the last list stepped (null: unknown). */
  private lastIndex: number | null = null;
  /** Nodes and bad nodes per datacenter, from the confirmed facts; null: to be counted again (they changed). */
  private counted: ReadonlyMap<string, DatacenterCensus> | null = null;

  /** Whether a baseline has been taken. */
  get started(): boolean {
    return this.confirmed !== null;
  }

  /**
   * The events of one node list seen at `now`. With `index` (the list's X-Nomad-Index) and a previous list at a
   * lower or equal index, nodes whose ModifyIndex is not above the previous list's index are unchanged and are
   * skipped without a lookup: an update costs one pass of integer comparisons plus the changed nodes.
   */
  step(
    nodes: readonly NomadNode[],
    now: number,
    cluster: { id: string; name: string },
    index?: number,
  ): MonitorEvent[] {
    const before = this.confirmed;
    const step = ++this.steps;
    this.counted = null;
    const since =
      index !== undefined && this.lastIndex !== null && index >= this.lastIndex ? this.lastIndex : null;
    this.lastIndex = index ?? null;
    if (before === null) {
      this.confirmed = new Map(nodes.map((n) => [n.id, factsOf(n, step)]));
      return [];
    }
    const event = nodeEvent(now, cluster);
    const singles: MonitorEvent[] = [];
    const info = (type: MonitorEvent['type'], f: Facts, words: string): void => {
      singles.push(event(type, 'info', f, `node ${f.name} ${words}`));
    };
    // The confirmed map is updated in place: a settled node costs one lookup and one write of its stamp.
    for (const n of nodes) {
      const id = n.id;
      // Written before the previous list: it was in that list as it is now.
      if (since !== null && n.modifyIndex > 0 && n.modifyIndex <= since) continue;
      const was = before.get(id);
      // Nomad bumps a node's ModifyIndex on every write: an unchanged index is an unchanged node (one lookup).
      if (was !== undefined && was.modifyIndex === n.modifyIndex && n.modifyIndex > 0) {
        was.seen = step;
        continue;
      }
      const f = factsOf(n, step);
      if (was === undefined) {
        info('node-joined', f, `joined (${f.datacenter}, ${f.status})`);
        before.set(id, f);
        continue;
      }
      before.set(id, this.statusStep(was, f, now, singles, event));
      if (was.drain !== f.drain) {
        const how = f.drain ? 'started' : 'finished';
        info(f.drain ? 'node-drain-started' : 'node-drain-finished', f, `${how} draining`);
      } else if (was.eligible !== f.eligible) {
        const how = f.eligible ? 'eligible' : 'ineligible';
        info(f.eligible ? 'node-eligible' : 'node-ineligible', f, `is ${how} for scheduling`);
      }
    }
    // Removals: the confirmed map now holds every listed node, so equal sizes mean none left the list.
    const listed = since !== null && before.size !== nodes.length ? new Set(nodes.map((n) => n.id)) : null;
    if (since !== null && listed === null) return singles;
    for (const [id, f] of before) {
      if (listed !== null ? listed.has(id) : f.seen === step) continue;
      before.delete(id);
      this.flaps.delete(id);
      info('node-removed', f, `was removed (${f.datacenter})`);
    }
    return singles;
  }

  /**
   * How many nodes each datacenter has and how many of them are down or disconnected, as confirmed now (a
   * flapping node counts with the status last reported; retired nodes are left out). Counted again only after a
   * list changed something.
   */
  census(): ReadonlyMap<string, DatacenterCensus> {
    if (this.counted !== null) return this.counted;
    const counts = new Map<string, DatacenterCensus>();
    for (const f of this.confirmed?.values() ?? []) {
      // A retired node (down after it was made ineligible) left on purpose: not part of the datacenter any more.
      if (isRetiredNode(f)) continue;
      const c = counts.get(f.datacenter) ?? { nodes: 0, bad: 0 };
      counts.set(f.datacenter, { nodes: c.nodes + 1, bad: c.bad + (isNodeProblem(f) ? 1 : 0) });
    }
    this.counted = counts;
    return counts;
  }

  /** Status changes of one node, through the flapping rule; returns the facts now confirmed for it. */
  private statusStep(was: Facts, f: Facts, now: number, out: MonitorEvent[], event: NodeEvent): Facts {
    const id = f.id;
    const flap = this.flaps.get(id) ?? { changes: [], flapping: false };
    flap.changes = flap.changes.filter((t) => now - t < FLAP_WINDOW_MS);
    if (was.status === f.status) {
      if (flap.changes.length === 0 && !flap.flapping) this.flaps.delete(id);
      return f;
    }
    flap.changes.push(now);
    this.flaps.set(id, flap);
    if (flap.flapping) return { ...f, status: was.status };
    if (flap.changes.length >= FLAP_COUNT) {
      flap.flapping = true;
      out.push(
        event('flapping', 'warning', f, `node ${f.name} is flapping (${was.status} ⇄ ${f.status})`, was),
      );
      return { ...f, status: was.status };
    }
    out.push(...statusChange(event, was, f));
    return f;
  }

  /**
   * Settles flapping nodes whose status held for the window: their current status is reported once if it differs
   * from the one last reported. Call on every node list and poll (`nodes`: the latest list).
   */
  settle(nodes: readonly NomadNode[], now: number, cluster: { id: string; name: string }): MonitorEvent[] {
    const confirmed = this.confirmed;
    if (confirmed === null) return [];
    const out: MonitorEvent[] = [];
    const event = nodeEvent(now, cluster);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const [id, flap] of this.flaps) {
      const last = flap.changes[flap.changes.length - 1] ?? 0;
      if (!flap.flapping || now - last < FLAP_WINDOW_MS) continue;
      this.flaps.delete(id);
      const n = byId.get(id);
      const was = confirmed.get(id);
      if (n === undefined || was === undefined) continue;
      const f = factsOf(n);
      confirmed.set(id, { ...was, status: f.status });
      this.counted = null;
      if (was.status !== f.status)
        out.push(...statusChange(event, was, f, `was ${was.status}; settled after flapping`));
    }
    return out;
  }
}

type NodeEvent = ReturnType<typeof nodeEvent>;

/**
 * The builder of one step's node events. Each names the node the way the policy reads it (datacenter for storms,
 * pool and class for rules); a status change (`was`: the facts before) also says from → to.
 */
function nodeEvent(now: number, cluster: { id: string; name: string }) {
  return (
    type: MonitorEvent['type'],
    severity: Severity,
    f: Facts,
    message: string,
    was?: Facts,
  ): MonitorEvent => ({
    time: now,
    clusterId: cluster.id,
    cluster: cluster.name,
    type,
    severity,
    node: f.name,
    datacenter: f.datacenter,
    nodePool: f.nodePool,
    nodeClass: f.nodeClass,
    key: `node:${f.id}`,
    ...(was === undefined ? {} : { from: was.status, to: f.status }),
    message,
  });
}

/**
 * The event of a node status change, none when it is not worth one (initializing → ready at start). A node that
 * was ineligible when it went down was retired on purpose (drained first, as `nomad node drain` and the Nomad
 * Autoscaler do before an instance is terminated): `node-retired`, recorded but never a notice.
 */
function statusChange(event: NodeEvent, was: Facts, f: Facts, why = `was ${was.status}`) {
  const say = (type: MonitorEvent['type'], severity: Severity, note = ''): MonitorEvent[] => [
    event(type, severity, f, `node ${f.name} is ${f.status}${note} (${why})`, was),
  ];
  if (f.status === 'down')
    return isRetiredNode(f)
      ? say('node-retired', 'info', ', retired (it was ineligible for scheduling)')
      : say('node-down', 'warning');
  if (f.status === 'disconnected') return say('node-disconnected', 'warning');
  if (f.status === 'ready' && (was.status === 'down' || was.status === 'disconnected'))
    return say('node-ready', 'info');
  return [];
}
