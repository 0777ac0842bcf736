/**
 * "Network unavailable": when every enabled cluster (at least two) is unreachable and at least one just became
 * so this round, the per-cluster cluster-unreachable events fold into ONE notice; when clusters come back, ONE
 * "Network restored". Only `cluster-unreachable` counts: a refused token (auth-failed / forbidden) or a TLS
 * failure is a fact about that cluster, never about the network, and is never folded.
 */
import type { MonitorEvent } from '../../../common/domain.js';
import type { PolicyRound } from '../monitor/types.js';
import type { PolicyMemory } from './memory.js';

export const NETWORK_MIN_CLUSTERS = 2;

export interface NetworkOutcome {
  /** Events covered by the network notices (never notified one by one). */
  consumed: Set<MonitorEvent>;
  /** The outage started this round: the events it covers and the clusters it spans. */
  down: { events: MonitorEvent[]; clusterIds: string[]; since: number } | null;
  /** The outage ended this round: the recoveries, the clusters still down, and whether the outage was shown. */
  restored: { events: MonitorEvent[]; stillDown: string[]; wasNotified: boolean } | null;
}

/**
 * Decides the network-wide part of a round and updates `memory.network` (the caller sets `notified` once the
 * "Network unavailable" notice is really shown). Contexts in state `paused` are not enabled.
 */
export function decideNetwork(memory: PolicyMemory, round: PolicyRound): NetworkOutcome {
  const consumed = new Set<MonitorEvent>();
  const enabled = round.clusters.filter((c) => c.state !== 'paused');
  const enabledIds = new Set(enabled.map((c) => c.clusterId));
  const unreachable = round.events.filter(
    (e) => e.type === 'cluster-unreachable' && enabledIds.has(e.clusterId),
  );
  const network = memory.network;
  if (network === null) {
    const justNow = new Set(unreachable.map((e) => e.clusterId));
    const all = enabled.every((c) => justNow.has(c.clusterId) || c.state === 'unreachable');
    if (enabled.length < NETWORK_MIN_CLUSTERS || justNow.size === 0 || !all) {
      return { consumed, down: null, restored: null };
    }
    const clusterIds = enabled.map((c) => c.clusterId);
    memory.network = { clusterIds, since: round.now, notified: false, reminder: null };
    for (const e of unreachable) consumed.add(e);
    return { consumed, down: { events: unreachable, clusterIds, since: round.now }, restored: null };
  }
  const members = new Set(network.clusterIds);
  const back = round.events.filter((e) => e.type === 'cluster-recovered' && members.has(e.clusterId));
  if (back.length === 0) {
    // Still down: repeats are covered, and a cluster enabled meanwhile joins the outage silently.
    for (const e of unreachable) {
      consumed.add(e);
      if (!members.has(e.clusterId)) network.clusterIds.push(e.clusterId);
    }
    return { consumed, down: null, restored: null };
  }
  for (const e of back) consumed.add(e);
  const backIds = new Set(back.map((e) => e.clusterId));
  const stillDown = network.clusterIds.filter((id) => !backIds.has(id));
  memory.network = null;
  return { consumed, down: null, restored: { events: back, stillDown, wasNotified: network.notified } };
}

/**
 * Clears a network outage whose recoveries never arrived (e.g. detector memory was reset): every cluster of it
 * has been healthy for more than `rounds` rounds.
 */
export function sweepNetwork(memory: PolicyMemory, rounds: number): void {
  const network = memory.network;
  if (network === null) return;
  const allHealthy = network.clusterIds.every(
    (id) => (memory.clusters[id]?.healthyRounds ?? rounds + 1) > rounds,
  );
  if (allHealthy) memory.network = null;
}
