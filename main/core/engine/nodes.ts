/**
 * The engine's side of a cluster's node watcher: each answer updates the cluster's node summary, which rides on
 * its snapshot (so the displayed state reads it: never green while the nodes cannot be seen).
 */
import type { ClusterSnapshot } from '../../../common/domain.js';
import { summarize } from '../poller/index.js';
import type { NodeWatchUpdate } from '../poller/index.js';
import type { ClusterRuntime } from './cluster.js';

/** Folds a watcher update into the runtime; true when what the view shows changed. */
export function applyNodeUpdate(rt: ClusterRuntime, update: NodeWatchUpdate): boolean {
  const before = rt.nodes;
  const next = summarize(before, update);
  rt.nodes = next;
  if (rt.snapshot !== null) rt.snapshot = { ...rt.snapshot, nodes: next };
  return (
    before === null ||
    (update.ok && update.changed) ||
    before.error?.message !== next.error?.message ||
    before.mode !== next.mode
  );
}

/** A poll's snapshot with the node summary the watcher has now. */
export function withNodes(rt: ClusterRuntime, snapshot: ClusterSnapshot): ClusterSnapshot {
  return rt.nodes === null ? snapshot : { ...snapshot, nodes: rt.nodes };
}
