/**
 * What the alert policy remembers between rounds: plain data the engine keeps in memory (never written out),
 * bounded: at most MAX_CLUSTERS clusters, MAX_OPEN_PER_CLUSTER open problems each, so memory stays small however
 * long the app runs and however many members churn.
 */
import type { MonitorEvent, Severity } from '../../../common/domain.js';

export const MAX_CLUSTERS = 128;
export const MAX_OPEN_PER_CLUSTER = 64;
const MAX_COUNTER = 1_000_000;

export interface ReminderState {
  /** When the cluster's state turned bad (as seen by the policy). */
  since: number;
  nextAt: number;
  /** The interval after the next reminder is due (doubles each time, capped). */
  intervalMs: number;
  /** Reminders due so far in this episode. */
  count: number;
}

export interface ClusterMemory {
  /** Problem key → severity the user was NOTIFIED at, and when (suppressed problems are not here). */
  open: Record<string, { severity: Severity; at: number }>;
  reminder: ReminderState | null;
  /** Consecutive rounds in the healthy state (sweeps problems whose recovery never came). */
  healthyRounds: number;
  lastSeen: number;
}

interface NetworkMemory {
  /** Enabled clusters when the whole network went down. */
  clusterIds: string[];
  since: number;
  /** True once "Network unavailable" was actually shown (gates "Network restored"). */
  notified: boolean;
  /** One reminder schedule for the whole outage (per-cluster reminders are held back meanwhile). */
  reminder: ReminderState | null;
  /** When the first cluster of the outage came back (the outage is "restoring"); null while all are down. */
  restoringSince: number | null;
  /** cluster-recovered events of the outage's clusters folded so far (ONE "Network restored" covers them). */
  recovered: MonitorEvent[];
  /** Outage clusters that came back refusing the token or failing TLS: reported as that, no longer awaited. */
  answered: string[];
}

export interface HeldUnreachable {
  /** A lone cluster-unreachable, not notified yet: the other clusters may be about to confirm theirs. */
  event: MonitorEvent;
  /** The round that held it. */
  since: number;
  /** When it is released as itself at the latest. */
  until: number;
}

export interface PolicyMemory {
  version: 1;
  clusters: Record<string, ClusterMemory>;
  /** Set while every enabled cluster is unreachable (one "network unavailable" outage). */
  network: NetworkMemory | null;
  /** Lone cluster-unreachable events settling (network.ts): folded into an outage or released as themselves. */
  held: HeldUnreachable[];
}

/** A working copy of a memory for one round: shared until a cluster is touched, then that cluster is copied. */
export type MemoryDraft = ReturnType<typeof draftMemory>;

/**
 * Starts a round on `memory` without mutating it and without copying every cluster (copy-on-touch keeps a
 * round's cost proportional to what it touches, not to the memory's size). A touched cluster costs one shallow
 * copy; its open problems are copied only when the round edits them (most rounds, every cluster is touched for
 * its counters and nothing else).
 */
export function draftMemory(memory: PolicyMemory | null, now: number) {
  // A fresh memory is what `null` means to decideNotifications.
  const base = memory ?? { version: 1, clusters: {}, network: null, held: [] };
  const network = base.network === null ? null : structuredClone(base.network);
  const draft: PolicyMemory = { version: 1, clusters: { ...base.clusters }, network, held: base.held };
  // Copies made this round, by cluster id (its keys are the touched clusters).
  const copies = new Map<string, ClusterMemory>();
  /**
   * The cluster's memory, copied (or created) on first use in this round: its fields may be set. Its `open`
   * record and `reminder` may still be shared with the input memory: replace them, or edit open problems through
   * `open()`, never in place.
   */
  const cluster = (clusterId: string): ClusterMemory => {
    let copy = copies.get(clusterId);
    if (copy === undefined) {
      const existing = draft.clusters[clusterId];
      copy =
        existing === undefined
          ? { open: {}, reminder: null, healthyRounds: 0, lastSeen: now }
          : {
              // Field by field (not a spread): this runs for every cluster of every round.
              open: existing.open,
              reminder: existing.reminder,
              healthyRounds: existing.healthyRounds,
              lastSeen: existing.lastSeen,
            };
      copies.set(clusterId, copy);
      draft.clusters[clusterId] = copy;
    }
    return copy;
  };
  const openCopied = new Set<string>();
  /** The cluster's open problems, copied on first use in this round, safe to edit in place. */
  const open = (clusterId: string): ClusterMemory['open'] => {
    const c = cluster(clusterId);
    if (!openCopied.has(clusterId)) {
      c.open = { ...c.open };
      openCopied.add(clusterId);
    }
    return c.open;
  };
  /** Cluster ids touched this round. */
  const touched = (): Iterable<string> => copies.keys();
  return { memory: draft, cluster, open, touched };
}

function keepNewest<T>(record: Record<string, T>, max: number, time: (v: T) => number): Record<string, T> {
  let size = 0;
  for (const _ in record) if (++size > max) break;
  if (size <= max) return record;
  const entries = Object.entries(record);
  return Object.fromEntries(entries.sort((a, b) => time(b[1]) - time(a[1])).slice(0, max));
}

/**
 * Enforces the bounds in place: oldest clusters and oldest open problems go first. Only `touched` clusters can
 * have grown, so only they are checked (all when omitted).
 */
export function boundMemory(memory: PolicyMemory, touched?: Iterable<string>): PolicyMemory {
  memory.clusters = keepNewest(memory.clusters, MAX_CLUSTERS, (c) => c.lastSeen);
  for (const id of touched ?? Object.keys(memory.clusters)) {
    const c = memory.clusters[id];
    if (c === undefined) continue;
    c.open = keepNewest(c.open, MAX_OPEN_PER_CLUSTER, (p) => p.at);
    c.healthyRounds = Math.min(c.healthyRounds, MAX_COUNTER);
    // Replaced, not edited: the reminder may be shared with the memory the round started from.
    if (c.reminder !== null && c.reminder.count > MAX_COUNTER)
      c.reminder = { ...c.reminder, count: MAX_COUNTER };
  }
  const network = memory.network;
  if (network !== null) {
    network.clusterIds = network.clusterIds.slice(0, MAX_CLUSTERS);
    network.recovered = network.recovered.slice(-MAX_CLUSTERS);
    network.answered = network.answered.slice(-MAX_CLUSTERS);
  }
  memory.held = memory.held.slice(-MAX_CLUSTERS);
  return memory;
}
