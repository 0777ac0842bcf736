/**
 * What Nomad's agent API answers, normalised: members, client nodes, errors, health, the agent's self, join and
 * leader lookups. Shared by main, preload and renderer. Zod schemas are the single source: the TS types are
 * inferred from them and the same schemas validate values crossing IPC. Names follow Nomad's own vocabulary.
 * No Electron, no Node built-ins here. What the monitor makes of these answers is in common/domain.ts.
 */
import { z } from 'zod';

/** Serf member statuses (hashicorp/serf MemberStatus.String()), plus `unknown` for anything else. */
export const KNOWN_MEMBER_STATUSES = ['alive', 'leaving', 'left', 'failed', 'none'] as const;
export const MemberStatusSchema = z.enum([...KNOWN_MEMBER_STATUSES, 'unknown']);
export type MemberStatus = z.infer<typeof MemberStatusSchema>;

/** One gossip member of `/v1/agent/members`, normalised (Nomad HTTP API docs, /v1/agent/members). */
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

/** `/v1/agent/self`, normalised to what a monitor needs (Nomad HTTP API docs, /v1/agent/self). */
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
