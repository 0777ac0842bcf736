/**
 * Public shapes of the monitor engine's pure parts. Data flow per poll round:
 *
 *   snapshot ──observe()──▶ Observation ──Detector.confirm()──▶ confirmed view (+ raw flapping events)
 *            ──diffViews(prevConfirmed, nextConfirmed)──▶ MonitorEvent[] (confirmed changes)
 *   (Detector.step() runs these three for one cluster; the Detector keeps the memory between polls.)
 *            ──decideNotifications(policyMemory, round)──▶ Notice[] (what the OS is told)
 *
 * clusterState(snapshot, ...) gives the tray/window state independently of the alert pipeline.
 */
import type {
  ClusterStateKind,
  MonitorEvent,
  MonitorEventType,
  Quorum,
  Severity,
} from '../../../common/domain.js';
import type { Member, MemberStatus, NomadError, NomadErrorKind } from '../../../common/nomad-domain.js';
import type { GlobalSettings, NotificationRules } from '../../../common/settings-schema.js';

/** How the cluster's agent answered this poll. */
export type Reachability = 'ok' | 'unreachable' | 'forbidden' | 'tls' | 'error';

/** What one snapshot says, reduced to the keys the detector debounces. */
export interface Observation {
  time: number;
  reachability: Reachability;
  /** The error kind when reachability is not ok. */
  errorKind: NomadErrorKind | null;
  errorMessage: string | null;
  /**
   * Short plain detail for messages, computed by observe(): "403 Permission denied" for a refused token, the TLS
   * reason sentence for TLS failures. Optional so hand-built observations stay valid.
   */
  errorDetail?: string | null;
  /** A 403's token verdict and the capability the call needs (NomadError's fields), for the auth-failed event. */
  errorAcl?: Pick<NomadError, 'aclReason' | 'capability'> | null;
  /**
   * The member list (full name and status; a snapshot's Member fits, so observe() passes the list as it is); null
   * when it could not be read this poll. A name listed twice counts once, with its last status.
   */
  members: readonly Pick<Member, 'name' | 'status'>[] | null;
  /** Region → leader rpc address; null = no leader; a missing key = unknown this poll. */
  leaders: Record<string, string | null>;
  /** Role → healthy? (from /v1/agent/health); a missing role = not checked / unknown. */
  health: { server?: boolean; client?: boolean };
  quorum: Record<string, Quorum>;
}

/** Confirmed (debounced) view of a cluster: only values that held for the confirm threshold. */
export type ConfirmedView = Omit<Observation, 'time' | 'members'> & {
  time: number;
  /** Confirmed member full name → status; the same object between polls that confirm no member change. */
  members: Record<string, MemberStatus> | null;
};

export interface DetectorConfig {
  /** Consecutive polls a worsening must hold (default 2). */
  confirmPolls: number;
  /** Consecutive polls a recovery must hold (default 2). */
  recoveryPolls: number;
  /** ≥ flapTransitions raw transitions of one key within flapWindowMs → one `flapping` event. */
  flapTransitions: number;
  flapWindowMs: number;
}

/** Debounce state of one detector key (see detect-keys.ts). Values are encoded strings; null = absent. */
export interface DetectorKeyMemory {
  /** The confirmed value (what the view shows). */
  confirmed: string | null;
  /** The value being counted towards confirmation (meaningful only while count > 0). */
  candidate: string | null;
  /** Consecutive observations of `candidate`. */
  count: number;
  /** The last observed (raw) value. */
  raw: string | null;
  /** Epoch ms of raw value changes inside the flap window, oldest first (all between the same two values). */
  recentTransitions: number[];
  /** The two values those transitions moved between (a change between other values starts a new count). */
  flapPair?: string;
  /** While true, confirmed changes of this key are suppressed. */
  flapping: boolean;
  /** Epoch ms of the last raw change, null when it never changed. */
  lastRawChange: number | null;
}

/** One key started flapping (emitted once per flapping episode). */
export interface FlapNotice {
  key: string;
  member?: string;
  region?: string;
  role?: 'server' | 'client';
  /** Raw transitions counted within the window. */
  transitions: number;
  windowMs: number;
}

/** One datacenter's client nodes, as the node detector has confirmed them. */
export interface DatacenterCensus {
  nodes: number;
  /** Down or disconnected. */
  bad: number;
}

export interface ClusterPolicyContext {
  clusterId: string;
  clusterName: string;
  rules: NotificationRules;
  /** Snooze: until epoch ms, or 'until-recovered'; null = not snoozed. */
  snooze: { until: number | 'until-recovered'; severityAtSnooze: Severity } | null;
  state: ClusterStateKind;
  /** Its poll interval: a lone outage of another cluster waits about one of these (alerts/network.ts). */
  pollIntervalMs: number;
  /**
   * When the latest poll that got an answer from it STARTED (epoch ms; null: none yet). A poll already in flight
   * when the network went can still succeed afterwards: only one started later proves the network is there.
   */
  answeredAt: number | null;
  /**
   * Its client nodes per datacenter (name-keyed: a Map), after the node events of this round: what tells a
   * partition (every node of a datacenter down) from a storm. Absent: no node watcher has answered.
   */
  datacenters?: ReadonlyMap<string, DatacenterCensus>;
}

/** One round of the notification decision: confirmed events of every cluster polled in this round. */
export interface PolicyRound {
  now: number;
  events: MonitorEvent[];
  clusters: ClusterPolicyContext[];
  settings: GlobalSettings;
  /** True for a cluster's first poll (a baseline: nothing to compare it with): it notifies nothing. */
  baseline?: boolean;
  /**
   * Minutes to add to UTC to get local wall-clock time at `now` (i.e. `-new Date(now).getTimezoneOffset()`),
   * computed by the engine. Used for quiet hours and "since HH:MM" in notice bodies. Missing = UTC.
   */
  utcOffsetMinutes?: number;
}

export interface Notice {
  clusterId: string | null;
  title: string;
  body: string;
  severity: Severity;
  /** The events it covers (one, or many for a digest). */
  events: MonitorEvent[];
  /** Member to focus when the user clicks it. */
  member?: string;
  /** Client node (by name) to focus when the user clicks it: a node event's notice. */
  node?: string;
  /** What the notice is: the event's type for a single event, or digest / network-* / reminder. */
  type?: MonitorEventType;
  /** The problem this notice opens ("<clusterId>#<problem key>", "network"): what a later resolution names. */
  tag?: string;
  /**
   * Tags of earlier notices this one resolves: notifiers that can close or replace a shown notification (a sticky
   * critical one) do so; the body says what it resolves for those that cannot.
   */
  resolves?: string[];
}
