/**
 * The engine's side of a cluster's node watcher: each answer updates the cluster's node summary, which rides on
 * its snapshot (so the displayed state reads it: never green while the nodes cannot be seen).
 */
import type { MonitorEvent } from '../../../common/domain.js';
import type { NodeDetector } from '../monitor/index.js';
import { type NodeWatchUpdate, summarize } from '../poller/index.js';
import type { ClusterSeen } from './cluster.js';

/** Folds a watcher update into what the cluster's polls saw; true when what the view shows changed. */
export function applyNodeUpdate(rt: ClusterSeen, update: NodeWatchUpdate): boolean {
  const before = rt.nodes;
  const next = summarize(before, update);
  rt.nodes = next;
  if (update.ok) rt.nodeList = { time: update.time, nodes: update.page.nodes };
  if (rt.snapshot !== null) rt.snapshot = { ...rt.snapshot, nodes: next };
  return (
    before === null ||
    (update.ok && update.changed) ||
    before.error?.message !== next.error?.message ||
    before.mode !== next.mode
  );
}

/**
 * The node events of a watcher update: a changed list goes through the node detector (its first list is a silent
 * baseline); flapping nodes that settled are reported on any good answer. Failures make no node events (the
 * blindness shows in the state, node-reasons.ts).
 */
export function nodeEvents(
  detector: NodeDetector,
  update: NodeWatchUpdate,
  cluster: { id: string; name: string },
): MonitorEvent[] {
  if (!update.ok) return [];
  const changed =
    update.changed || !detector.started
      ? detector.step(update.page.nodes, update.time, cluster, update.page.index)
      : [];
  return [...changed, ...detector.settle(update.page.nodes, update.time, cluster)];
}
