/**
 * Public shapes of the monitor engine: the app core that the CLI, the desktop app and the browser shell share.
 * Ports (clients, tokens, notifier, history, timers) are injected so the same engine runs in every host and in
 * tests.
 */
import type { ClusterView, MonitorEvent } from '../../../common/domain.js';
import type { AgentSelf, JoinResult, Member, NomadError, NomadNode } from '../../../common/nomad-domain.js';
import type { SnoozeDuration } from '../../../common/ipc-contract.js';
import type { Result } from '../../../common/result.js';
import type { ClusterSettings, Settings } from '../../../common/settings-schema.js';
import type { Notice } from '../monitor/index.js';
import type { NomadClient } from '../nomad/index.js';
import type { Timers } from '../poller/index.js';

/** Raises OS notifications (createNodeNotifier / Electron / a recording fake). */
export interface NotifierPort {
  notify(notice: Notice): unknown;
}

/** Keeps events (history.jsonl; main/core/history's History fits). The engine appends one event at a time. */
export interface HistoryPort {
  append(event: MonitorEvent): unknown;
  /** Waits for queued appends; stop() awaits it so a quit never cuts a write short. */
  flush?(): Promise<void>;
}

/** Builds a client for one address of a cluster (index in `cluster.addresses`); reads its TLS files. */
export type ClientFactory = (
  cluster: ClusterSettings,
  addressIndex: number,
  token: string | undefined,
) => Promise<Result<NomadClient, NomadError>>;

export interface MonitorDeps {
  settings: Settings;
  clientFactory: ClientFactory;
  /** Resolves the cluster's ACL token (env, file, keychain); an error becomes a `config` poll error. */
  tokenFor: (cluster: ClusterSettings) => Promise<Result<string | undefined, string>>;
  timers: Timers;
  notifier: NotifierPort;
  history: HistoryPort;
  /** Minutes to add to UTC for local time at `now` (quiet hours, "tomorrow"); default: the host's zone. */
  utcOffsetMinutes?: (now: number) => number;
  /** Uniform [0, 1) for poll jitter (default Math.random). */
  random?: () => number;
  /** Diagnostics (never tokens); default: ignored. */
  log?: (message: string) => void;
}

/** What a confirmed force-leave looked like. */
export interface ForceLeaveOutcome {
  /** The member before the call (undefined when unknown and allowed). */
  before?: Member;
  /** The member after, re-read; null when it is gone from the list. */
  after?: Member | null;
  /** The full serf name that was sent. */
  node: string;
}

/** An engine failure: Nomad's error, or a refusal before calling Nomad. */
export type EngineError =
  | { kind: 'unknown-cluster'; message: string }
  | { kind: 'unknown-member'; message: string }
  | { kind: 'member-alive'; message: string }
  | { kind: 'ambiguous-member'; message: string; candidates: string[] }
  | { kind: 'invalid-input'; message: string }
  | { kind: 'nomad'; message: string; error: NomadError };

export type EngineResult<T> = Promise<Result<T, EngineError>>;

/** An action's or read's answer and the agent address that gave it, after failover. */
export interface Answered<T> {
  value: T;
  address: string;
  /** Addresses tried first that did not answer, with why. */
  skipped: Array<{ address: string; message: string }>;
}

export interface ConnectionTest {
  /** The address that answered (the first configured one that did). */
  address: string;
  members: number;
  leader: string | null;
  version: string;
}

export interface Monitor {
  start(): void;
  stop(): Promise<void>;
  views(): ClusterView[];
  /**
   * The client nodes as the cluster's node watcher last saw them, with that answer's time; null before its first
   * answer and while it cannot see them (no list it cannot vouch for).
   */
  nodeList(clusterId: string): Result<{ time: number; nodes: readonly NomadNode[] } | null, EngineError>;
  /** Called after every poll with all views; returns the unsubscribe function. */
  subscribe(listener: (views: ClusterView[]) => void): () => void;
  /** Called with every confirmed event (and audit events); returns the unsubscribe function. */
  onEvents(listener: (events: MonitorEvent[]) => void): () => void;
  /** Called with every notice the policy decided (after it was handed to the notifier). */
  onNotices(listener: (notices: Notice[]) => void): () => void;
  pollNow(clusterId?: string): Promise<void>;
  pause(): void;
  resume(): void;
  snooze(clusterId: string, choice: SnoozeDuration): Result<void, EngineError>;
  /** The machine goes to sleep: stop polling. */
  suspend(): void;
  /**
   * The machine woke up: poll everything now. The polls are compared honestly with what was seen before the
   * sleep and still need confirmation; storms fold into the policy's digest / "Network unavailable" notices.
   */
  wake(): void;
  /** Applies new settings: a cluster whose entry changed is restarted (see restart), new ones start. */
  updateSettings(settings: Settings): void;
  /**
   * Restarts one cluster's polling with fresh clients (its token is read again), keeping detector memory,
   * snooze, last snapshots and timeline: after a refused token is replaced the user gets "reachable again".
   */
  restart(clusterId: string): Result<void, EngineError>;
  join(
    clusterId: string,
    addresses: string[],
  ): EngineResult<Answered<{ result: JoinResult; before: Member[]; after: Member[] }>>;
  forceLeave(
    clusterId: string,
    node: string,
    /** allowAlive: an alive member only goes `leaving` and rejoins; callers must have confirmed it. */
    options?: { prune?: boolean; allowUnknown?: boolean; allowAlive?: boolean },
  ): EngineResult<Answered<ForceLeaveOutcome>>;
  setServers(
    clusterId: string,
    addresses: string[],
  ): EngineResult<Answered<{ before: string[]; after: string[] }>>;
  servers(clusterId: string): EngineResult<Answered<string[]>>;
  self(clusterId: string): EngineResult<Answered<AgentSelf>>;
  members(clusterId: string): EngineResult<Answered<Member[]>>;
  /** The cluster's client nodes (`/v1/nodes`, one plain read), sorted by datacenter then name. */
  nodes(clusterId: string): EngineResult<Answered<NomadNode[]>>;
  testConnection(cluster: ClusterSettings, token?: string): Promise<Result<ConnectionTest, NomadError>>;
}
