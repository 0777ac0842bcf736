/**
 * What the monitor makes of Nomad's answers (common/nomad-domain.ts): a poll's snapshot, cluster state kinds,
 * quorum, severity, events and the views the tray and the window show. Shared by main, preload and renderer. Zod
 * schemas are the single source: the TS types are inferred from them and the same schemas validate values
 * crossing IPC. No Electron, no Node built-ins here.
 */
import { z } from 'zod';
import {
  AgentHealthSchema,
  AgentRoleSchema,
  AgentSelfSchema,
  LeaderLookupSchema,
  MemberSchema,
  NomadErrorSchema,
} from './nomad-domain.js';

/** What the node watcher of a cluster sees, in counts (the node list itself stays in the core). */
export const NodesSummarySchema = z.object({
  /** `blocking`: blocking queries on /v1/nodes; `polling`: plain reads every poll interval (blocking unavailable). */
  mode: z.enum(['blocking', 'polling']),
  /** X-Nomad-Index of the last good answer (0: none yet). */
  index: z.number().int(),
  /** Epoch ms of the last good answer, null before the first. */
  lastGood: z.number().nullable(),
  /** Why the nodes cannot be seen now (the watcher failed twice in a row); null while it sees them. */
  error: NomadErrorSchema.nullable(),
  total: z.number().int(),
  ready: z.number().int(),
  /** Down and still eligible for scheduling: lost, not retired (a problem of the cluster). */
  down: z.number().int(),
  /**
   * Down and ineligible: retired on purpose (drained or marked ineligible before it went, as `nomad node drain`
   * and the Nomad Autoscaler do before an instance is terminated). Nomad keeps down nodes until its node GC
   * (24 h by default), so these are counted apart and never make the cluster degraded.
   */
  retired: z.number().int(),
  disconnected: z.number().int(),
  initializing: z.number().int(),
  /** Any status this version does not know. */
  other: z.number().int(),
  draining: z.number().int(),
  ineligible: z.number().int(),
});
export type NodesSummary = z.infer<typeof NodesSummarySchema>;

/** What one poll of one cluster saw. */
export const ClusterSnapshotSchema = z.object({
  clusterId: z.string(),
  /** Epoch milliseconds (when the poll's answer, or failure, came). */
  time: z.number(),
  /** When the poll that made it started (epoch ms); absent where no poll made it (a test, an error stand-in). */
  startedAt: z.number().optional(),
  /** Base URL of the agent that answered (or was last tried). */
  address: z.string(),
  reachable: z.boolean(),
  /** The poll's failure, null when the members read succeeded. */
  error: NomadErrorSchema.nullable(),
  health: AgentHealthSchema.nullable(),
  /** null when the members list could not be read. */
  members: z.array(MemberSchema).nullable(),
  leaders: z.record(z.string(), LeaderLookupSchema),
  agentRole: AgentRoleSchema.nullable(),
  self: AgentSelfSchema.nullable(),
  /**
   * Where the cluster has several addresses: disagreements between servers' views (members, leaders) that
   * lasted longer than gossip needs to converge (main/core/monitor/consistency.ts). Absent when none.
   */
  disagreements: z.array(z.string()).optional(),
  /** The cluster's client nodes as its node watcher last saw them; absent before the watcher answered. */
  nodes: NodesSummarySchema.optional(),
});
export type ClusterSnapshot = z.infer<typeof ClusterSnapshotSchema>;

/**
 * Cluster state, worst first in ranking order (common/state-rank.ts ranks and summarises states;
 * main/core/monitor/state.ts derives one from a snapshot).
 */
export const ClusterStateKindSchema = z.enum([
  'critical',
  'unreachable',
  'tls-error',
  'forbidden',
  'error',
  'degraded',
  'stale',
  'unknown',
  'paused',
  'healthy',
]);
export type ClusterStateKind = z.infer<typeof ClusterStateKindSchema>;

/** Quorum of one region's servers. */
export const QuorumSchema = z.object({
  alive: z.number().int(),
  expected: z.number().int(),
  /** How many more voter failures the region survives (negative: quorum lost). */
  canLose: z.number().int(),
});
export type Quorum = z.infer<typeof QuorumSchema>;

export const SeveritySchema = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof SeveritySchema>;

export const MonitorEventTypeSchema = z.enum([
  'member-joined',
  'member-failed',
  'member-left',
  'member-recovered',
  'member-removed',
  'leader-changed',
  'leader-lost',
  'health-degraded',
  'health-recovered',
  'cluster-unreachable',
  'cluster-recovered',
  'auth-failed',
  'tls-failed',
  'quorum-at-risk',
  'quorum-restored', // a region's quorum is safe again after quorum-at-risk
  // client nodes (the node watcher, /v1/nodes):
  'node-down',
  'node-retired', // down after it was made ineligible (drained, scaled in): recorded, never notified
  'node-disconnected',
  'node-ready', // back to ready after down / disconnected / initializing
  'node-ineligible',
  'node-eligible',
  'node-drain-started',
  'node-drain-finished',
  'node-joined',
  'node-removed',
  'nodes-down', // more than a few nodes of one datacenter down or disconnected at once: one notice
  'nodes-ready', // more than a few nodes of one datacenter ready again at once
  'datacenter-partition', // every node of a datacenter down or disconnected at once
  // produced by the alert policy rather than the diff:
  'flapping',
  'digest',
  'network-unavailable',
  'network-restored',
  'reminder',
  // operator actions recorded in history:
  'action-join',
  'action-force-leave',
  'action-set-servers',
]);
export type MonitorEventType = z.infer<typeof MonitorEventTypeSchema>;

/** One event: produced by the diff, confirmed by the policy, shown, notified and kept in history. */
export const MonitorEventSchema = z.object({
  /** Epoch milliseconds. */
  time: z.number(),
  clusterId: z.string(),
  /** Display name of the cluster at the time. */
  cluster: z.string(),
  type: MonitorEventTypeSchema,
  member: z.string().optional(),
  region: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  severity: SeveritySchema,
  /** For people only: history, CLI lines. The alert policy never reads it (it reads the fields below). */
  message: z.string(),
  /** For digests: the events it summarises. */
  details: z.array(z.string()).optional(),
  /** The agent role a health event (or health flapping) is about. */
  role: z.enum(['server', 'client']).optional(),
  /**
   * The detector key the event comes from: "reachability", "member:<name>", "leader:<region>",
   * "health:<role>" or "quorum:<region>". Absent on events the detector did not make (actions, policy notices)
   * and on history lines written before it existed.
   */
  key: z.string().optional(),
  /** Why the agent could not be read, as the client reported it (cluster-unreachable, auth-failed, tls-failed). */
  cause: z.string().optional(),
  /** auth-failed: what the token check found (no token set, token refused, lacks `capability`), when it could tell. */
  aclReason: NomadErrorSchema.shape.aclReason,
  /** auth-failed: the ACL capability the failed call needs. */
  capability: z.string().optional(),
  /** Node events: the client node's name. */
  node: z.string().optional(),
  /** Node events: the node's datacenter (the datacenter a storm or partition is about). */
  datacenter: z.string().optional(),
  /** Node events: the node's pool and class (what per-cluster rules may include or exclude). */
  nodePool: z.string().optional(),
  nodeClass: z.string().optional(),
  /** Storm and partition events: how many nodes. */
  count: z.number().int().optional(),
});
export type MonitorEvent = z.infer<typeof MonitorEventSchema>;

/** One point of a cluster's state timeline (sparkline in the window). */
export const StatePointSchema = z.object({ time: z.number(), state: ClusterStateKindSchema });
export type StatePoint = z.infer<typeof StatePointSchema>;

/**
 * Everything the tray and the window show about one cluster. Produced by the monitor engine after every poll,
 * pushed to the renderer as is. Never contains a token.
 */
export const ClusterViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  state: ClusterStateKindSchema,
  /** Why the state is what it is, in plain words ("server-2.global failed", "no leader in region eu"). */
  reasons: z.array(z.string()),
  quorum: z.record(z.string(), QuorumSchema),
  /** Epoch ms of the last poll and of the last successful one (null: never). */
  lastPoll: z.number().nullable(),
  lastGoodPoll: z.number().nullable(),
  /** Since when the current failure lasts (epoch ms), null when the last poll succeeded. */
  failingSince: z.number().nullable(),
  paused: z.boolean(),
  /** Snoozed until epoch ms, or 'until-recovered'; null = not snoozed. */
  snoozed: z.union([z.number(), z.literal('until-recovered')]).nullable(),
  pollIntervalMs: z.number(),
  /** The latest snapshot (members, leaders, health, self), null before the first poll. */
  snapshot: ClusterSnapshotSchema.nullable(),
  /** Recent states, oldest first, bounded. */
  timeline: z.array(StatePointSchema),
});
export type ClusterView = z.infer<typeof ClusterViewSchema>;

/**
 * ClusterView as it crosses to the window: the name-keyed records (`quorum`, `snapshot.leaders`) become
 * [region, value] pairs, so a region named `constructor` or `__proto__` is a value, never an object key (the
 * window never reads such keys from an object). The snapshot carries no member list: the window asks for the
 * shown cluster's members (`members:list`), so a push never carries every member of every cluster.
 * main/app/wire-view.ts converts; the core keeps its records.
 */
export const WireClusterViewSchema = ClusterViewSchema.extend({
  quorum: z.array(z.tuple([z.string(), QuorumSchema])),
  snapshot: ClusterSnapshotSchema.omit({ members: true })
    .extend({ leaders: z.array(z.tuple([z.string(), LeaderLookupSchema])) })
    .nullable(),
});
export type WireClusterView = z.infer<typeof WireClusterViewSchema>;
