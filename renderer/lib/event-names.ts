/** Plain names of the event types an operator can route in a cluster's notification rules. Pure. */
import type { MonitorEventType } from '../../common/domain.js';

export interface EventChoice {
  type: MonitorEventType;
  label: string;
}

/**
 * The events the monitor detects, in the order an operator thinks of them. Policy-made notices (digests,
 * network, reminders) and operator actions are not listed: the rules apply to detected events.
 */
export const RULE_EVENTS: readonly EventChoice[] = [
  { type: 'member-failed', label: 'A member failed' },
  { type: 'member-left', label: 'A member left' },
  { type: 'member-joined', label: 'A member joined' },
  { type: 'member-recovered', label: 'A member is alive again' },
  { type: 'member-removed', label: 'A member dropped off the list' },
  { type: 'leader-lost', label: 'No leader' },
  { type: 'leader-changed', label: 'The leader changed' },
  { type: 'quorum-at-risk', label: 'Quorum at risk' },
  { type: 'quorum-restored', label: 'Quorum restored' },
  { type: 'health-degraded', label: 'Agent health check failing' },
  { type: 'health-recovered', label: 'Agent health check passing again' },
  { type: 'cluster-unreachable', label: 'Cluster unreachable' },
  { type: 'cluster-recovered', label: 'Cluster reachable again' },
  { type: 'auth-failed', label: 'ACL token refused (403)' },
  { type: 'tls-failed', label: 'TLS failure' },
  { type: 'node-down', label: 'A client node is down' },
  {
    type: 'node-retired',
    label: 'A client node went down after being made ineligible (retired; never notified)',
  },
  { type: 'node-disconnected', label: 'A client node is disconnected' },
  { type: 'node-ready', label: 'A client node is ready again' },
  { type: 'nodes-down', label: 'Many nodes of a datacenter down' },
  { type: 'nodes-ready', label: 'Many nodes of a datacenter ready again' },
  { type: 'datacenter-partition', label: 'A whole datacenter down (partition)' },
  { type: 'node-ineligible', label: 'A client node became ineligible' },
  { type: 'node-eligible', label: 'A client node became eligible' },
  { type: 'node-drain-started', label: 'A client node started draining' },
  { type: 'node-drain-finished', label: 'A client node finished draining' },
  { type: 'node-joined', label: 'A client node joined' },
  { type: 'node-removed', label: 'A client node was removed' },
];
