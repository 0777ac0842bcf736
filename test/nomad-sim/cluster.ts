/**
 * The shared gossip state of a simulated cluster: one serf member list spanning every region, a raft leader
 * per region, the server list of each client agent, and the serf-like state machine behind join and
 * force-leave (doc §1, §4, §5). No I/O here except timers for the leave/refute transitions.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { withDefaultPort } from './addr.js';
import { NodeTable, type NewNode } from './nodes.js';
import type { SimAgent } from './types.js';
import { eraOf, type Era } from './version.js';

/** One gossip member as serf knows it. `present: false` means pruned/reaped but still remembered for join. */
export interface MemberRecord {
  agent: SimAgent;
  id: string;
  status: string;
  present: boolean;
}

/** Resolved options the state needs. */
export interface ClusterConfig {
  regions: string[];
  serversPerRegion: number;
  clients: number;
  datacenter: string;
  build: string;
  leaveRecoveryMs: number;
  /** Base hold of leader-bound requests while a region has no leader (0: answer at once). */
  leaderHoldMs: number;
  bothRoles: boolean;
  sharedIp: boolean;
  advertiseAny: boolean;
  /** null: no `expect` tag. */
  bootstrapExpect: number | null;
  emptyNodeName: boolean;
  /** SimOptions.serverNames ([] = the usual names). */
  serverNames: string[];
  /** SimOptions.extraTags: added to every server's serf tags, own keys whatever the name. */
  extraTags: [string, string][];
  /** SimOptions.nodes: client nodes registered besides the client agents. */
  nodes: number;
  /** SimOptions.nodeDatacenters: the extra nodes are spread over these, round-robin. */
  nodeDatacenters: string[];
}

/** Either a value or a plain-text RPC error (status 500 unless said otherwise). */
export type Lookup<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

const REVISION = randomBytes(20).toString('hex');

/** `count` node specs named `node-<first>`, `node-<first+1>`…, spread over `datacenters` round-robin. */
export function extraNodes(count: number, datacenters: readonly string[], first: number): NewNode[] {
  const specs: NewNode[] = [];
  for (let i = 0; i < count; i++)
    specs.push({ name: `node-${first + i}`, datacenter: datacenters[i % datacenters.length] ?? 'dc1' });
  return specs;
}

/** The gossip + raft state shared by every agent of one simulated cluster. */
export class ClusterState {
  readonly members = new Map<string, MemberRecord>();
  readonly leaders = new Map<string, string | null>();
  readonly clientServers = new Map<string, string[]>();
  readonly nodeIds = new Map<string, string>();
  /** Client agents (by short name) that registered with a server at least once. */
  readonly registered = new Set<string>();
  /** Per-server gossip views: server full name → member full name → status or 'absent'. */
  readonly views = new Map<string, Map<string, string>>();
  /** Per-server belief about its region's leader (full name or null), when it differs from the truth. */
  readonly viewLeaders = new Map<string, string | null>();
  /** Behaviours decided by the build's version. */
  readonly era: Era;
  readonly revision = REVISION;
  /** The client nodes of the first region (the `nodes` table behind /v1/nodes). */
  readonly nodes: NodeTable;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly cfg: ClusterConfig,
    readonly agents: SimAgent[],
  ) {
    this.era = eraOf(cfg.build);
    for (const a of agents) {
      this.nodeIds.set(a.name, randomUUID());
      if (a.role === 'server')
        this.members.set(a.fullName, { agent: a, id: randomUUID(), status: 'alive', present: true });
    }
    for (const region of cfg.regions) {
      this.leaders.set(
        region,
        agents.find((a) => a.role === 'server' && a.region === region)?.fullName ?? null,
      );
    }
    for (const c of agents.filter((a) => a.role === 'client' || a.alsoClient)) {
      this.clientServers.set(
        c.name,
        this.servers(c.region).map((s) => s.rpcAddr),
      );
      this.registered.add(c.name);
    }
    this.nodes = new NodeTable(cfg.build);
    const home = cfg.regions[0] ?? 'global';
    const specs: NewNode[] = agents
      .filter((a) => a.region === home && (a.role === 'client' || a.alsoClient))
      .map((a) => ({ name: a.name, datacenter: a.datacenter, address: a.addr }));
    specs.push(
      ...extraNodes(cfg.nodes, cfg.nodeDatacenters.length > 0 ? cfg.nodeDatacenters : [cfg.datacenter], 1),
    );
    if (specs.length > 0) this.nodes.addMany(specs);
  }

  /** This request's hold: the base plus up to 1/16 of it at random (Nomad's RandomStagger jitter). */
  holdMs(): number {
    const base = this.cfg.leaderHoldMs;
    return base <= 0 ? 0 : base + Math.floor(Math.random() * (base / 16));
  }

  /** Whether a leader-bound request to `region` (from a server in `from`) would wait for a leader now. */
  waitsForLeader(from: string, region: string, stale: boolean, viewer?: string): boolean {
    if (stale || this.cfg.leaderHoldMs <= 0) return false;
    return (
      this.routeTo(from, region).ok && this.leaderOf(region, region === from ? viewer : undefined) === null
    );
  }

  /** Server agents, optionally of one region. */
  servers(region?: string): SimAgent[] {
    return this.agents.filter((a) => a.role === 'server' && (region === undefined || a.region === region));
  }

  /**
   * The member list serf would return: present members in random (map-iteration-like) order. With `viewer`
   * (a server's full name), that server's own view: its overrides replace statuses or drop members.
   */
  memberList(viewer?: string): MemberRecord[] {
    const view = viewer !== undefined ? this.views.get(viewer) : undefined;
    const list: MemberRecord[] = [];
    for (const m of this.members.values()) {
      const seen = view?.get(m.agent.fullName);
      if (seen === undefined) {
        if (m.present) list.push(m);
      } else if (seen !== 'absent') list.push({ ...m, status: seen, present: true });
    }
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      const t = list[i];
      list[i] = list[j] as MemberRecord;
      list[j] = t as MemberRecord;
    }
    return list;
  }

  /** Regions known through gossip, sorted (Region.List). */
  knownRegions(): string[] {
    return [
      ...new Set([...this.members.values()].filter((m) => m.present).map((m) => m.agent.region)),
    ].sort();
  }

  /** The leader member of a region, or null; with `viewer`, as that server believes (its stale view). */
  leaderOf(region: string, viewer?: string): MemberRecord | null {
    const believed = viewer !== undefined && this.viewLeaders.has(viewer);
    const name = believed ? this.viewLeaders.get(viewer ?? '') : this.leaders.get(region);
    return name ? (this.members.get(name) ?? null) : null;
  }

  /**
   * Whether an RPC from an agent in `from` can reach `region`: its own region always; another region
   * needs a present member there that is not failed/left (forwardRegion), else `No path to region`.
   */
  routeTo(from: string, region: string): Lookup<string> {
    if (region === from) return { ok: true, value: region };
    const reachable = [...this.members.values()].some(
      (m) => m.present && m.agent.region === region && m.status !== 'failed' && m.status !== 'left',
    );
    return reachable ? { ok: true, value: region } : { ok: false, status: 500, message: 'No path to region' };
  }

  /** Status.Leader as seen from `from`: the leader's rpc address, '' with stale and no leader, or an error. */
  leaderAddr(from: string, region: string, stale: boolean, viewer?: string): Lookup<string> {
    const route = this.routeTo(from, region);
    if (!route.ok) return route;
    const leader = this.leaderOf(region, region === from ? viewer : undefined);
    if (leader) return { ok: true, value: leader.agent.rpcAddr };
    return stale ? { ok: true, value: '' } : { ok: false, status: 500, message: 'No cluster leader' };
  }

  /** Raft peers of a region: servers still in the raft configuration (not left, not pruned). */
  raftPeers(region: string): MemberRecord[] {
    return [...this.members.values()].filter(
      (m) => m.agent.region === region && m.present && m.status !== 'left',
    );
  }

  /** Looks a member up by exact serf name (force-leave semantics: short names do not match). */
  member(fullName: string): MemberRecord | undefined {
    return this.members.get(fullName);
  }

  /** serf forceLeave: failed → left; alive → leaving then back to alive; prune erases (alive ones come back). */
  forceLeave(fullName: string, prune: boolean): void {
    const m = this.members.get(fullName);
    if (!m || !m.present) return;
    if (m.status === 'alive') {
      if (prune) m.present = false;
      else m.status = 'leaving';
      this.later(() => {
        if (prune && !m.present) {
          m.present = true;
          m.status = 'alive';
        } else if (!prune && m.status === 'leaving') m.status = 'alive';
      });
      return;
    }
    if (m.status === 'failed') m.status = 'left';
    if (prune) m.present = false;
  }

  /** A graceful leave: leaving now, left after leaveRecoveryMs. */
  leave(m: MemberRecord): void {
    m.present = true;
    m.status = 'leaving';
    this.later(() => {
      if (m.status === 'leaving') m.status = 'left';
    });
  }

  /**
   * memberlist Join: each address (default port 4648) succeeds iff it is the serf address of a known member
   * that is not failed (failed members do not answer); left/pruned members are re-admitted as alive.
   */
  join(addresses: readonly string[]): { joined: number; errors: string[] } {
    let joined = 0;
    const errors: string[] = [];
    for (const raw of addresses) {
      const target = withDefaultPort(raw, 4648);
      if (!target.ip) {
        errors.push(`failed to resolve ${raw}: lookup ${target.host}: no such host`);
        continue;
      }
      const m = [...this.members.values()].find((x) => x.agent.serfAddr === target.hostPort);
      if (!m || m.status === 'failed') {
        errors.push(
          `failed to join ${target.hostPort}: dial tcp ${target.hostPort}: connect: connection refused`,
        );
        continue;
      }
      m.present = true;
      if (m.status !== 'alive') m.status = 'alive';
      joined++;
    }
    return { joined, errors };
  }

  /** RPC ping of `raw` (default port 4647): answers iff it is the rpc address of a server not failed/left. */
  ping(raw: string): Lookup<string> {
    const target = withDefaultPort(raw, 4647);
    const m = [...this.members.values()].find((x) => x.agent.rpcAddr === target.hostPort);
    if (m && target.ip && m.status !== 'failed' && m.status !== 'left')
      return { ok: true, value: target.hostPort };
    const why = target.ip
      ? `failed to get conn: dial tcp ${target.hostPort}: connect: connection refused`
      : `failed to get conn: dial tcp: lookup ${target.host}: no such host`;
    return { ok: false, status: 400, message: `Server at address ${target.hostPort} failed ping: ${why}` };
  }

  /** A client agent's first reachable server (for forwarded RPCs), or the error its RPC would give. */
  clientServer(clientName: string): Lookup<MemberRecord> {
    const list = this.clientServers.get(clientName) ?? [];
    if (list.length === 0) return { ok: false, status: 500, message: 'no servers' };
    for (const addr of list) {
      const m = [...this.members.values()].find((x) => x.agent.rpcAddr === addr);
      if (m && m.status !== 'failed' && m.status !== 'left') return { ok: true, value: m };
    }
    const first = list[0] ?? '';
    return {
      ok: false,
      status: 500,
      message: `rpc error: failed to get conn: dial tcp ${first}: i/o timeout`,
    };
  }

  private later(fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, this.cfg.leaveRecoveryMs);
    this.timers.add(t);
  }

  /** Cancels pending leave/refute transitions. */
  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
