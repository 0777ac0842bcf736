/**
 * What a client node's status means beyond Nomad's word, in one place for the core (counts, reasons) and the
 * window (order, tint): a node that went down while ineligible for scheduling was retired on purpose (drained
 * first, as `nomad node drain` and the Nomad Autoscaler do before an instance is terminated), not lost.
 */
import type { NomadNode } from './nomad-domain.js';

/** What both rules read: Nomad's status word (the raw one in the detector) and the node's eligibility. */
type NodeStatusFacts = { status: NomadNode['status'] | (string & {}); eligible: boolean };

/** Down and ineligible: retired on purpose, not a problem of the cluster. */
export function isRetiredNode(node: NodeStatusFacts): boolean {
  return node.status === 'down' && !node.eligible;
}

/** A problem node (tinted, counted in titles, in a datacenter's census): down (not retired) or disconnected. */
export function isNodeProblem(node: NodeStatusFacts): boolean {
  return (node.status === 'down' && !isRetiredNode(node)) || node.status === 'disconnected';
}
