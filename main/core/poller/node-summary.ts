/**
 * The counts a cluster's view carries about its client nodes (NodesSummary), folded from the node watcher's
 * answers: the list itself stays in the core. A failure counts as blindness from the watcher's second failure in
 * a row (node-watcher.ts); the counts of the last good answer are kept meanwhile.
 */
import type { NodesSummary } from '../../../common/domain.js';
import type { NomadNode } from '../../../common/nomad-domain.js';
import type { NodeWatchUpdate } from './node-watcher.js';
import { isRetiredNode } from '../../../common/node-status.js';

/** Failures in a row before the nodes count as not visible. */
export const BLIND_AFTER_FAILURES = 2;

export function countNodes(
  nodes: readonly NomadNode[],
): Omit<NodesSummary, 'mode' | 'index' | 'lastGood' | 'error'> {
  const c = {
    total: nodes.length,
    ready: 0,
    down: 0,
    retired: 0,
    disconnected: 0,
    initializing: 0,
    other: 0,
    draining: 0,
    ineligible: 0,
  };
  for (const n of nodes) {
    if (n.status === 'ready') c.ready++;
    else if (n.status === 'down') c[isRetiredNode(n) ? 'retired' : 'down']++;
    else if (n.status === 'disconnected') c.disconnected++;
    else if (n.status === 'initializing') c.initializing++;
    else c.other++;
    if (n.drain) c.draining++;
    if (!n.eligible) c.ineligible++;
  }
  return c;
}

/** The summary after `update`, given the previous one (null before the first update). */
export function summarize(previous: NodesSummary | null, update: NodeWatchUpdate): NodesSummary {
  if (update.ok) {
    const counts =
      !update.changed && previous !== null && previous.error === null
        ? previous
        : countNodes(update.page.nodes);
    return {
      ...counts,
      mode: update.mode,
      index: update.page.index,
      lastGood: update.time,
      error: null,
    };
  }
  const base = previous ?? { ...countNodes([]), index: 0, lastGood: null };
  const blind = update.failures >= BLIND_AFTER_FAILURES;
  return { ...base, mode: update.mode, error: blind ? update.error : (previous?.error ?? null) };
}
