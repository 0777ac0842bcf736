/**
 * Public types of the simulated Nomad cluster: its contract (README, "Simulated Nomad cluster", describes the
 * behaviour). Other engineers' tests import these through test/nomad-sim/index.ts.
 */

/** How a simulated cluster is built. */
export interface SimOptions {
  /** Default ['global']; servers of all regions share ONE gossip view. */
  regions?: string[];
  /** Default 3. */
  serversPerRegion?: number;
  /** Client-only agents in the first region, default 0. */
  clients?: number;
  /** Default 'dc1'. */
  datacenter?: string;
  /** ACLs enforced (tokens in cluster.tokens). */
  acl?: boolean;
  /**
   * HTTPS (and a client cert required with mtls). `serverCert` picks a deliberately broken server
   * certificate: 'expired' (validity in the past) or 'wrong-host' (SANs that do not name 127.0.0.1).
   */
  tls?: boolean | { mtls?: boolean; serverCert?: 'valid' | 'expired' | 'wrong-host' };
  /** Default '1.9.3'. */
  build?: string;
  /**
   * Serf names of the servers, in order (region order, then server number), instead of `<name>.<region>`; a
   * name without a dot is its own short name. For hostile-name tests (`toString`, `__proto__`).
   */
  serverNames?: string[];
  /** How long an alive node stays `leaving` after force-leave before it refutes (default 500). */
  leaveRecoveryMs?: number;
  /**
   * While a region has no leader, leader-bound requests (status/leader, status/peers, operator/*, the server half
   * of health) are held this long before `500 No cluster leader`, like Nomad's RPCHoldTimeout. Default 5000 plus
   * up to 1/16 of it as jitter (Nomad's RandomStagger); 0 answers at once. A leader that appears during the hold
   * answers the held request.
   */
  leaderHoldMs?: number;
  /** Servers run a client too (dev mode / small clusters): health has both parts, self both stats. */
  bothRoles?: boolean;
  /** Servers of a region share one IP and differ by serf/RPC ports (4648/4647, 4658/4657, …). */
  sharedIp?: boolean;
  /** Misconfigured advertise: every server advertises 0.0.0.0 (all look like the leader). */
  advertiseAny?: boolean;
  /** `Tags.expect` (bootstrap_expect); null leaves the tag out. Default: serversPerRegion. */
  bootstrapExpect?: number | null;
  /** Client agents without a configured `name` report NodeName "". */
  emptyNodeName?: boolean;
  /** Extra serf tags on every server, e.g. [['__proto__', 'x']] (names kept as own keys). */
  extraTags?: [string, string][];
  /**
   * Client nodes registered in the first region besides the client agents (which are nodes too): named
   * `node-1`…; 10,000 is fine. Default 0.
   */
  nodes?: number;
  /** Datacenters the extra nodes are spread over, round-robin (default: `datacenter`). */
  nodeDatacenters?: string[];
}

/** A client node as /v1/nodes shows it (the simulator's view, for assertions). */
export interface SimNode {
  id: string;
  name: string;
  datacenter: string;
  nodePool: string;
  nodeClass: string;
  status: string;
  eligibility: 'eligible' | 'ineligible';
  drain: boolean;
  modifyIndex: number;
}

/** Where new nodes go (add-nodes). */
export interface NewNodeOptions {
  datacenter?: string;
  nodePool?: string;
  nodeClass?: string;
}

/** One simulated agent (server or client-only) with its real HTTP(S) listener. */
export interface SimAgent {
  /** Short name: first region 'server-1'..; other regions '<region>-server-1'..; clients 'client-1'.. */
  name: string;
  /** Serf name '<name>.<region>' (clients: '' because they are not gossip members). */
  fullName: string;
  region: string;
  datacenter: string;
  role: 'server' | 'client';
  /** A server that also runs a client (bothRoles): it has a server list and client health/stats too. */
  alsoClient: boolean;
  /** 'http(s)://127.0.0.1:<port>': its real HTTP listener. */
  url: string;
  /** Serf advertise IP, e.g. '127.0.1.2'; data only, nobody listens there. */
  addr: string;
  /** Serf port (4648 unless sharedIp). */
  serfPort: number;
  /** RPC port, `Tags.port` (4647 unless sharedIp). */
  rpcPort: number;
  /** `${addr}:${serfPort}` (join target). */
  serfAddr: string;
  /** `${addr}:${rpcPort}` (what /v1/status/leader returns; set-servers target). */
  rpcAddr: string;
}

/** ACL secrets of a cluster started with `acl: true`. */
export interface SimTokens {
  management: string;
  nodeRead: string;
  agentRead: string;
  agentWrite: string;
  operatorRead: string;
  /** A syntactically fine secret that no policy knows. */
  unknown: string;
  /**
   * A workload-identity-shaped JWT (not a UUID) that no key of the cluster signed. Like any non-UUID secret it
   * is checked as claims: the HTTP-layer token check (self) answers `500 ACL token not found or invalid
   * workload identity: …`, RPC-checked endpoints (members) `403 Permission denied`.
   */
  jwt: string;
}

/** PEM files of a cluster started with `tls`. */
export interface SimTls {
  caFile: string;
  caPem: string;
  /** A CA that did NOT sign the server cert. */
  otherCaFile: string;
  clientCertFile: string;
  clientKeyFile: string;
  /** Cert signed by the other CA. */
  badClientCertFile: string;
  badClientKeyFile: string;
  /** 'server.<first region>.nomad'. */
  serverName: string;
}

/** A misbehaviour of one agent's HTTP listener. */
export type Fault =
  | { kind: 'stop' }
  | { kind: 'blackhole' }
  | { kind: 'delay'; ms: number }
  | { kind: 'reset' }
  | {
      kind: 'garbage';
      body: 'html' | 'truncated-json' | 'huge' | 'wrong-shape' | 'invalid-utf8' | 'gzip-garbage' | 'empty';
    }
  | { kind: 'status'; status: number; body: string; contentType?: string }
  | { kind: 'redirect'; location: string };

/** A running simulated cluster. */
export interface SimCluster {
  /** Servers (region order) then clients. */
  agents: SimAgent[];
  /** Short or full name; throws if unknown/ambiguous. */
  agent(name: string): SimAgent;
  servers(region?: string): SimAgent[];
  clients(): SimAgent[];
  regions: string[];
  tokens: SimTokens | null;
  tls: SimTls | null;
  /** Member → failed (its HTTP agent stays up unless a fault is injected). A failed leader stays leader. */
  fail(name: string): void;
  /** → alive (re-admits a left or pruned member too). */
  recover(name: string): void;
  /** Graceful: → leaving, then left after leaveRecoveryMs. */
  leave(name: string): void;
  /** Any raw status string, e.g. 'weird'. */
  setStatus(name: string, raw: string): void;
  /** null → no leader: 500 'No cluster leader' where Nomad says so. */
  setLeader(region: string, name: string | null): void;
  /** Token becomes unknown → 403 Permission denied. */
  revokeToken(secret: string): void;
  /** Undo revokeToken: the token is accepted again with its capabilities. */
  restoreToken(secret: string): void;
  /** Fault on that agent's HTTP listener (optionally only for some paths; `stop` ignores paths). */
  inject(name: string, fault: Fault, paths?: string[]): void;
  /** Remove faults (and restart a stopped listener on the SAME port, listening again within a tick). */
  clear(name: string): void;
  /** Current gossip member full names. */
  memberNames(): string[];
  /** Serf status of a member (short or full name) as the members list shows it; null when pruned. */
  memberStatus(name: string): string | null;
  /**
   * Replace a client agent's known server list (rpc addresses); [] makes its health fail ("no known servers") and
   * its forwarded RPCs fail like the agent's version does: `500 no servers` before 1.6; from 1.6 held for the
   * hold time then `500 no servers` (a client that registered before), or blocked until it has servers
   * (`registered: false`, a client that never registered).
   */
  setClientServers(name: string, rpcAddrs: string[], opts?: { registered?: boolean }): void;
  /**
   * This server's own gossip view of `member` differs from the shared one: a status string, or 'absent' (not
   * in its list). Views converge with converge(). Members read from that server show its view.
   */
  setView(server: string, member: string, status: string): void;
  /** This server believes `leader` (a server name, or null for none) leads its region (a stale view). */
  setViewLeader(server: string, leader: string | null): void;
  /** Every server's view equals the shared one again. */
  converge(): void;
  /** Base hold of leader-bound requests while a region has no leader (0: answer at once). */
  setLeaderHold(ms: number): void;
  /** Open TCP connections on an agent's listener (to check that a client released or reused them). */
  openConnections(name: string): number;
  /** Client node names (the first region's nodes table), sorted by ID like Nomad lists them. */
  nodeNames(): string[];
  /** One node by name or ID; throws if unknown. */
  node(name: string): SimNode;
  /** Registers `count` more nodes (`node-<n>`…) in ONE raft apply; returns their names. */
  addNodes(count: number, opts?: NewNodeOptions): string[];
  /** Node status: 'down' (missed heartbeats), 'disconnected', 'ready', 'initializing' or any raw string. */
  setNodeStatus(name: string, status: string, description?: string): void;
  /** Scheduling eligibility. */
  setNodeEligibility(name: string, eligible: boolean): void;
  /** A drain starts: Drain true, ineligible, LastDrain draining. */
  drainNode(name: string): void;
  /** The drain ends (complete by default; the node stays ineligible). */
  endDrain(name: string, how?: 'complete' | 'canceled'): void;
  /** The node is deregistered / garbage-collected. */
  removeNode(name: string): void;
  /** /v1/nodes requests answered or held so far: plain reads and blocking queries (index > 0). */
  nodeQueries(): { plain: number; blocking: number };
  /** The nodes table's index (what X-Nomad-Index says, never below 1). */
  nodeIndex(): number;
  /** A snapshot restore: the raft index goes back to `to` (blocked queries then time out with it). */
  rewindNodeIndex(to: number): void;
  /** Resolves once every listener is up (useful after clear() of a stopped agent). */
  ready(): Promise<void>;
  close(): Promise<void>;
}
