/**
 * "Network unavailable": when every enabled cluster (at least two) is unreachable and at least one just became
 * so this round, the per-cluster cluster-unreachable events fold into ONE notice; when the network comes back,
 * ONE "Network restored" for the whole outage. Only `cluster-unreachable` counts: a refused token (auth-failed /
 * forbidden) or a TLS failure is a fact about that cluster, never about the network, and is never folded.
 *
 * Clusters are polled out of phase, so when the network goes one cluster confirms its outage up to an interval
 * before the others. A LONE cluster-unreachable (others not down, none of them heard from since) is therefore held
 * for a short settle, never dropped:
 *
 * | situation (no outage remembered)                                        | outcome                            |
 * |-------------------------------------------------------------------------|------------------------------------|
 * | lone cluster-unreachable, some other cluster not heard from since       | held (no notice yet)               |
 * | lone cluster-unreachable, every other cluster answered a poll started   | reported on its own at once        |
 * | after it (or is down)                                                   |                                    |
 * | held, then every enabled cluster unreachable                            | folded into "Network unavailable", |
 * |                                                                         | "since" the first held one         |
 * | held, then every other cluster answered a poll started after it         | released: reported on its own      |
 * | held, holdMs() passed                                                   | released: reported on its own      |
 * | held, its cluster has another event (it came back)                      | released first, then that event    |
 * | held, its cluster disabled / removed meanwhile                          | dropped                            |
 * | baseline round                                                          | never held                         |
 *
 * | situation (an outage is remembered)                                     | outcome                            |
 * |-------------------------------------------------------------------------|------------------------------------|
 * | cluster-unreachable of an outage cluster (repeat, or down again)        | folded (no notice)                 |
 * | cluster-unreachable of another cluster while ALL are still down         | joins the outage silently          |
 * | cluster-unreachable of another cluster while the outage is restoring    | not folded: reported on its own    |
 * | cluster-recovered of an outage cluster                                  | folded; the outage is "restoring"  |
 * | auth-failed / tls-failed of an outage cluster                           | reported as itself; not awaited    |
 * | restoring, every outage cluster recovered or answered                   | restored: ONE "Network restored"   |
 * | restoring, NETWORK_SETTLE_MS passed, some clusters still down           | restored, naming them still down:  |
 * |                                                                         | they stay open problems, their own |
 * |                                                                         | recovery and reminders notify later|
 * | an outage cluster disabled / removed meanwhile                          | no longer awaited                  |
 */
import type { MonitorEvent } from '../../../common/domain.js';
import type { ClusterPolicyContext, PolicyRound } from '../monitor/index.js';
import type { HeldUnreachable, PolicyMemory } from './memory.js';

export const NETWORK_MIN_CLUSTERS = 2;

/**
 * How long after the first cluster of an outage came back the others are waited for before "Network restored"
 * goes out anyway (naming those still down). One minute: at the default 10 s interval every cluster confirms
 * its recovery within ~30 s of the network's return.
 */
export const NETWORK_SETTLE_MS = 60_000;

/**
 * How long a lone cluster-unreachable is held at most: two intervals of the slowest enabled cluster (every other
 * cluster has polled at least once since, and one that the network took too has confirmed it), at least
 * NETWORK_HOLD_MIN_MS (slow answers on a busy machine), at most NETWORK_SETTLE_MS. Usually it ends sooner: the
 * first poll of every other cluster that gets an answer releases it.
 */
export const NETWORK_HOLD_INTERVALS = 2;
export const NETWORK_HOLD_MIN_MS = 3_000;

export function holdMs(enabled: readonly ClusterPolicyContext[]): number {
  const slowest = Math.max(0, ...enabled.map((c) => c.pollIntervalMs));
  return Math.min(NETWORK_SETTLE_MS, Math.max(NETWORK_HOLD_MIN_MS, NETWORK_HOLD_INTERVALS * slowest));
}

export interface NetworkOutcome {
  /** Events covered by the network notices (never notified one by one). */
  consumed: Set<MonitorEvent>;
  /** The outage started this round: the events it covers and the clusters it spans. */
  down: { events: MonitorEvent[]; clusterIds: string[]; since: number } | null;
  /**
   * The outage ended this round: every recovery folded into it (this round's and earlier ones), the clusters
   * still down, and whether the outage was shown.
   */
  restored: { events: MonitorEvent[]; stillDown: string[]; wasNotified: boolean } | null;
  /** Held cluster-unreachable events released this round: decided as if they came now, before the round's own. */
  released: MonitorEvent[];
}

type Outage = NonNullable<PolicyMemory['network']>;

/** Records what one outage cluster's event says about its connection (see the table above). */
function foldEvent(network: Outage, e: MonitorEvent, now: number, consumed: Set<MonitorEvent>): void {
  const others = (list: readonly string[]) => list.filter((id) => id !== e.clusterId);
  const recoveredOthers = network.recovered.filter((r) => r.clusterId !== e.clusterId);
  if (e.type === 'cluster-unreachable') {
    consumed.add(e);
    network.recovered = recoveredOthers;
    network.answered = others(network.answered);
  } else if (e.type === 'cluster-recovered') {
    consumed.add(e);
    network.recovered = [...recoveredOthers, e];
    network.answered = others(network.answered);
  } else if (e.type === 'auth-failed' || e.type === 'tls-failed') {
    network.recovered = recoveredOthers;
    network.answered = [...others(network.answered), e.clusterId];
  } else return;
  const anyBack = network.recovered.length > 0 || network.answered.length > 0;
  network.restoringSince = anyBack ? (network.restoringSince ?? now) : null;
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
  if (network === null) return settleLone(memory, round, enabled, unreachable, consumed);
  for (const e of round.events) {
    if (network.clusterIds.includes(e.clusterId)) foldEvent(network, e, round.now, consumed);
    else if (unreachable.includes(e) && network.restoringSince === null) {
      // Still all down: a cluster enabled meanwhile joins the outage silently.
      consumed.add(e);
      network.clusterIds.push(e.clusterId);
    }
  }
  const nothing: NetworkOutcome = { consumed, down: null, restored: null, released: [] };
  if (network.restoringSince === null) return nothing;
  const settled = new Set([...network.recovered.map((e) => e.clusterId), ...network.answered]);
  const stillDown = network.clusterIds.filter((id) => !settled.has(id) && enabledIds.has(id));
  if (stillDown.length > 0 && round.now - network.restoringSince < NETWORK_SETTLE_MS) return nothing;
  memory.network = null;
  return { ...nothing, restored: { events: network.recovered, stillDown, wasNotified: network.notified } };
}

/** True when every enabled cluster but `clusterId` is down or answered a poll that started at or after `since`. */
function othersAnswered(enabled: readonly ClusterPolicyContext[], clusterId: string, since: number): boolean {
  return enabled.every(
    (c) =>
      c.clusterId === clusterId ||
      c.state === 'unreachable' ||
      (c.answeredAt !== null && c.answeredAt >= since),
  );
}

/** No outage yet: starts one when every enabled cluster is down, else holds or releases lone outages (table). */
function settleLone(
  memory: PolicyMemory,
  round: PolicyRound,
  enabled: readonly ClusterPolicyContext[],
  unreachable: MonitorEvent[],
  consumed: Set<MonitorEvent>,
): NetworkOutcome {
  const enabledIds = new Set(enabled.map((c) => c.clusterId));
  const held = memory.held.filter((h) => enabledIds.has(h.event.clusterId));
  const justNow = new Set(unreachable.map((e) => e.clusterId));
  const all =
    enabled.length >= NETWORK_MIN_CLUSTERS &&
    enabled.every((c) => justNow.has(c.clusterId) || c.state === 'unreachable');
  if (all && (justNow.size > 0 || held.length > 0)) {
    const clusterIds = enabled.map((c) => c.clusterId);
    const since = Math.min(round.now, ...held.map((h) => h.since));
    memory.held = [];
    memory.network = {
      clusterIds,
      since,
      notified: false,
      reminder: null,
      restoringSince: null,
      recovered: [],
      answered: [],
    };
    for (const e of unreachable) consumed.add(e);
    const events = [...held.map((h) => h.event), ...unreachable];
    return { consumed, down: { events, clusterIds, since }, restored: null, released: [] };
  }
  const withEvents = new Set(round.events.map((e) => e.clusterId));
  const released: MonitorEvent[] = [];
  const kept: HeldUnreachable[] = [];
  for (const h of held) {
    const id = h.event.clusterId;
    if (round.now >= h.until || withEvents.has(id) || othersAnswered(enabled, id, h.since)) {
      released.push(h.event);
    } else kept.push(h);
  }
  // A single enabled cluster has no others to wait for: othersAnswered() is true, it is never held.
  for (const e of unreachable) {
    if (round.baseline || othersAnswered(enabled, e.clusterId, round.now)) continue;
    kept.push({ event: e, since: round.now, until: round.now + holdMs(enabled) });
    consumed.add(e);
  }
  memory.held = kept;
  return { consumed, down: null, restored: null, released };
}

/** The outage clusters not back yet (per-cluster reminders of these are held back by the outage's reminder). */
export function awaitedClusters(network: Outage): string[] {
  const settled = new Set([...network.recovered.map((e) => e.clusterId), ...network.answered]);
  return network.clusterIds.filter((id) => !settled.has(id));
}

/**
 * Clears a network outage whose recoveries never arrived (e.g. detector memory was reset): every cluster of it
 * has been healthy for more than `rounds` rounds. A restoring outage is left alone: it ends on its own (every
 * cluster back, or NETWORK_SETTLE_MS) and must still announce "Network restored".
 */
export function sweepNetwork(memory: PolicyMemory, rounds: number): void {
  const network = memory.network;
  if (network === null || network.restoringSince !== null) return;
  const allHealthy = network.clusterIds.every(
    (id) => (memory.clusters[id]?.healthyRounds ?? rounds + 1) > rounds,
  );
  if (allHealthy) memory.network = null;
}
