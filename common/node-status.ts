/**
 * What a client node's status means beyond Nomad's word, in one place for the core (counts, reasons) and the
 * window (order, tint): a node that went down while ineligible for scheduling was retired on purpose (drained
 * first, as `nomad node drain` and the Nomad Autoscaler do before an instance is terminated), not lost.
 */
import type { NomadNode } from './domain.js';

/** Down and ineligible: retired on purpose, not a problem of the cluster. */
export function isRetiredNode(node: Pick<NomadNode, 'status' | 'eligible'>): boolean {
  return node.status === 'down' && !node.eligible;
}
