/**
 * Nomad Tray's domain values, shared by main, preload and renderer. Zod schemas are the single source:
 * the TS types are inferred from them and the same schemas validate values crossing IPC.
 * Names follow Nomad's own vocabulary (agent, member, server, leader, region, datacenter).
 * No Electron, no Node built-ins here.
 */
import { z } from 'zod';

/** Serf member statuses (hashicorp/serf MemberStatus.String()), plus `unknown` for anything else. */
export const KNOWN_MEMBER_STATUSES = ['alive', 'leaving', 'left', 'failed', 'none'] as const;
export const MemberStatusSchema = z.enum([...KNOWN_MEMBER_STATUSES, 'unknown']);
export type MemberStatus = z.infer<typeof MemberStatusSchema>;

/** One gossip member of `/v1/agent/members`, normalised (see nomad-agent-api.md §1). */
export const MemberSchema = z.object({
  /** Full serf name `<name>.<region>`: the identity used for diffing and for force-leave. */
  name: z.string(),
  /** The name without the `.<region>` suffix. */
  shortName: z.string(),
  /** Serf advertise IP (IPv6 without brackets). */
  address: z.string(),
  /** Serf/gossip port (default 4648), NOT the RPC port. */
  serfPort: z.number().int(),
  /** Server RPC port from `Tags.port` (default 4647), null when missing or not a number. */
  rpcPort: z.number().int().nullable(),
  /** `JoinHostPort(address, rpcPort)` (IPv6 bracketed), what `/v1/status/leader` is compared with. */
  rpcAddr: z.string().nullable(),
  status: MemberStatusSchema,
  /** The status string exactly as Nomad sent it (kept so unknown values are never lost). */
  statusRaw: z.string(),
  region: z.string(),
  datacenter: z.string(),
  build: z.string(),
  raftVersion: z.string().nullable(),
  id: z.string().nullable(),
  /** `expect` tag (bootstrap_expect) when present. */
  expect: z.number().int().nullable(),
  /** False only for Enterprise non-voters (`nonvoter` tag "1"). */
  voter: z.boolean(),
  /** True when this member is its region's leader (computed like `nomad server members`). */
  leader: z.boolean(),
  /** Serf tags as [name, value] pairs: a tag name is data (it may be `__proto__`), never an object key. */
  tags: z.array(z.tuple([z.string(), z.string()])),
});
export type Member = z.infer<typeof MemberSchema>;

/** Error kinds of the Nomad client. Every failure maps to exactly one. */
export const NomadErrorKindSchema = z.enum([
  'config', // bad options before any request (bad URL scheme, cert without key, unreadable CA file)
  'unreachable', // refused, DNS, reset, socket closed
  'timeout', // connect / headers / body timeout
  'tls', // handshake or verification failure (see tlsReason)
  'forbidden', // 403
  'not-found', // 404
  'wrong-role', // 501 `Invalid method` (server-only route on a client agent or the reverse)
  'no-leader', // 500 `No cluster leader`
  'no-servers', // 500 `no servers`: a client agent that answers but reaches no Nomad server
  'bad-request', // 400 with Nomad's plain-text reason
  'http', // any other status, with Nomad's plain-text body
  'invalid-response', // not JSON, schema mismatch, over the size cap
  'too-many-members', // the member list is longer than MAX_MEMBERS (main/core/nomad/member-cap.ts)
  'internal', // Nomad Tray itself failed while polling or reading a poll (a bug, logged): never the cluster's fault
]);
export type NomadErrorKind = z.infer<typeof NomadErrorKindSchema>;

export const TlsReasonSchema = z.enum([
  'unknown-authority',
  'hostname-mismatch',
  'expired',
  'client-cert-required',
  'client-cert-rejected',
  'agent-speaks-http', // https:// to an agent that speaks plain HTTP
  'agent-speaks-https', // http:// to an agent that speaks HTTPS
  'other',
]);
export type TlsReason = z.infer<typeof TlsReasonSchema>;

export const NomadErrorSchema = z.object({
  kind: NomadErrorKindSchema,
  /** One human sentence; never contains a token. */
  message: z.string(),
  /** HTTP status when a response arrived. */
  status: z.number().int().optional(),
  /** Nomad's plain-text error body (trimmed, capped). */
  body: z.string().optional(),
  /** The underlying undici / Node error code (UND_ERR_CONNECT_TIMEOUT, ECONNREFUSED, ...). */
  code: z.string().optional(),
  tlsReason: TlsReasonSchema.optional(),
  /** 403 diagnosis: no token set, a token Nomad does not know, or one whose policy lacks `capability`. */
  aclReason: z.enum(['no-token', 'token-refused', 'lacks-capability']).optional(),
  /** The ACL capability the failed call needs (node:read, agent:read, agent:write). */
  capability: z.string().max(64).optional(),
});
export type NomadError = z.infer<typeof NomadErrorSchema>;

/** One role's entry in `/v1/agent/health`. */
export const HealthCheckSchema = z.object({ ok: z.boolean(), message: z.string() });
export const AgentHealthSchema = z.object({
  client: HealthCheckSchema.optional(),
  server: HealthCheckSchema.optional(),
});
export type AgentHealth = z.infer<typeof AgentHealthSchema>;

export const AgentRoleSchema = z.enum(['server', 'client', 'both']);
export type AgentRole = z.infer<typeof AgentRoleSchema>;

/** `/v1/agent/self`, normalised to what a monitor needs (nomad-agent-api.md §3). */
export const AgentSelfSchema = z.object({
  name: z.string(),
  region: z.string(),
  datacenter: z.string(),
  /** Display version: Version[-Prerelease][+Metadata], old flat form understood too. */
  version: z.string(),
  role: AgentRoleSchema,
  aclEnabled: z.boolean(),
  /** The agent's own serf member; null on client-only agents (status `none`). */
  member: MemberSchema.nullable(),
  /** Servers: does this agent lead (stats.nomad.leader)? null for client-only agents. */
  isLeader: z.boolean().nullable(),
  /** Servers: stats.nomad.leader_addr, "" when none. */
  leaderAddr: z.string().nullable(),
  /** Servers: stats.raft.state (Leader/Follower/Candidate/Shutdown). */
  raftState: z.string().nullable(),
  /** Servers: stats.raft.last_contact ("0", "never", or a Go duration). */
  raftLastContact: z.string().nullable(),
  /** Clients: stats.client.known_servers split on commas. */
  knownServers: z.array(z.string()),
  /** Clients of Nomad ≤ 0.4, whose known_servers is a count, not a list (knownServers is then empty). */
  knownServerCount: z.number().int().optional(),
  /** Clients: stats.client.last_heartbeat / heartbeat_ttl (Go durations). */
  lastHeartbeat: z.string().nullable(),
  heartbeatTtl: z.string().nullable(),
  /** All stats as [section, [name, value] pairs] pairs (names are data, never object keys). */
  stats: z.array(z.tuple([z.string(), z.array(z.tuple([z.string(), z.string()]))])),
});
export type AgentSelf = z.infer<typeof AgentSelfSchema>;

/** Result of `/v1/agent/join` (failure arrives inside a 200). */
export const JoinResultSchema = z.object({
  numJoined: z.number().int(),
  error: z.string(),
  warning: z.string(),
});
export type JoinResult = z.infer<typeof JoinResultSchema>;

/** Leader lookup per region: an address, `null` for "no leader", or the lookup error. */
export const LeaderLookupSchema = z.union([
  z.object({ ok: z.literal(true), address: z.string().nullable() }),
  z.object({ ok: z.literal(false), error: NomadErrorSchema }),
]);
export type LeaderLookup = z.infer<typeof LeaderLookupSchema>;

/** `/v1/agent/members` plus leaders per region, sorted like `nomad server members`. */
export const MembersViewSchema = z.object({
  /** The answering server's name (no region suffix), region and datacenter. */
  serverName: z.string(),
  serverRegion: z.string(),
  serverDc: z.string(),
  members: z.array(MemberSchema),
  /** Keyed by region (every region with a non-left member). */
  leaders: z.record(z.string(), LeaderLookupSchema),
});
export type MembersView = z.infer<typeof MembersViewSchema>;

/** Client node statuses Nomad uses (`structs.NodeStatus*`); anything else is `unknown` (raw kept). */
export const KNOWN_NODE_STATUSES = ['initializing', 'ready', 'down', 'disconnected'] as const;
export const NodeStatusSchema = z.enum([...KNOWN_NODE_STATUSES, 'unknown']);
export type NodeStatus = z.infer<typeof NodeStatusSchema>;

/** One client node as `/v1/nodes` lists it (Nomad's NodeListStub), normalised. */
export const NodeSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Host part of the node's HTTP address. */
  address: z.string(),
  datacenter: z.string(),
  /** `default` on Nomad before 1.6 (no node pools then). */
  nodePool: z.string(),
  nodeClass: z.string(),
  /** The node's Nomad version. */
  version: z.string(),
  status: NodeStatusSchema,
  /** The status string exactly as Nomad sent it. */
  statusRaw: z.string(),
  statusDescription: z.string(),
  /** SchedulingEligibility is `eligible`. */
  eligible: z.boolean(),
  /** A drain strategy is set (the node is draining). */
  drain: z.boolean(),
  /** The last drain's status (`draining`, `complete`, `canceled`) and times; null when never drained. */
  lastDrain: z.object({ status: z.string(), startedAt: z.string(), updatedAt: z.string() }).nullable(),
  /** Task drivers by name (a driver name is data: a list, never object keys). */
  drivers: z.array(z.object({ name: z.string(), detected: z.boolean(), healthy: z.boolean() })),
  createIndex: z.number().int(),
  modifyIndex: z.number().int(),
});
export type NomadNode = z.infer<typeof NodeSchema>;

/** One answer of `/v1/nodes`: the nodes plus the blocking-query metadata Nomad sent with them. */
export const NodesPageSchema = z.object({
  nodes: z.array(NodeSchema),
  /** X-Nomad-Index: the nodes table's raft index (what the next blocking query waits past). */
  index: z.number().int(),
  /** X-Nomad-KnownLeader; null when not sent. */
  knownLeader: z.boolean().nullable(),
  /** X-Nomad-LastContact in ms (0 on the leader); null when not sent. */
  lastContactMs: z.number().nullable(),
  /** X-Nomad-NextToken: the token of the next page, null on the last one. */
  nextToken: z.string().nullable(),
});
export type NodesPage = z.infer<typeof NodesPageSchema>;

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
  aclReason: z.enum(['no-token', 'token-refused', 'lacks-capability']).optional(),
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
