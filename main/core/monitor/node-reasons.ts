/**
 * What a cluster's client nodes add to its state's reasons (row 8 of clusterState): a node watcher that cannot
 * see the nodes (never green while blind), and nodes down or disconnected. Plain counts, one sentence each.
 * Retired nodes (down after being made ineligible: drained, scaled in) are not a problem of the cluster.
 */
import type { NodesSummary } from '../../../common/domain.js';

const count = (n: number): string => `${n} client node${n === 1 ? '' : 's'}`;

/** Degraded reasons from the node summary (none when absent or all is well). */
export function nodeReasons(nodes: NodesSummary | undefined): string[] {
  if (nodes === undefined) return [];
  const reasons: string[] = [];
  if (nodes.error !== null) reasons.push(`client nodes not visible: ${nodes.error.message}`);
  if (nodes.down > 0) reasons.push(`${count(nodes.down)} down`);
  if (nodes.disconnected > 0) reasons.push(`${count(nodes.disconnected)} disconnected`);
  return reasons;
}
