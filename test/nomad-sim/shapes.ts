/**
 * JSON shapes of the simulated agent: a serf member (doc §1) and the /v1/agent/self body (doc §3). All
 * stats and tag values are strings, like Nomad's.
 */
import type { ClusterState, MemberRecord } from './cluster.js';
import type { Ctx } from './context.js';

/** A `Members[]` entry / the `member` of self for a server. */
export function memberJson(m: MemberRecord, state: ClusterState): Record<string, unknown> {
  const a = m.agent;
  const tags: Record<string, string> = {
    role: 'nomad',
    region: a.region,
    dc: a.datacenter,
    build: state.cfg.build,
    revision: state.revision,
    vsn: '1',
    raft_vsn: '3',
    id: m.id,
    rpc_addr: a.addr,
    port: '4647',
    expect: String(state.cfg.serversPerRegion),
  };
  if (state.cfg.serversPerRegion === 1) tags['bootstrap'] = '1';
  return {
    Name: a.fullName,
    Addr: a.addr,
    Port: 4648,
    Tags: tags,
    Status: m.status,
    ProtocolMin: 1,
    ProtocolMax: 5,
    ProtocolCur: 2,
    DelegateMin: 2,
    DelegateMax: 5,
    DelegateCur: 4,
  };
}

/** The zero serf member a client-only agent reports in self. */
const ZERO_MEMBER = {
  Name: '',
  Addr: null,
  Port: 0,
  Tags: null,
  Status: 'none',
  ProtocolMin: 0,
  ProtocolMax: 0,
  ProtocolCur: 0,
  DelegateMin: 0,
  DelegateMax: 0,
  DelegateCur: 0,
};

/** Splits a build string like `1.10.0-dev+ent` into Nomad's Version object. */
function versionObject(build: string, revision: string): Record<string, string> {
  const m = /^([^-+]+)(?:-([^+]+))?(?:\+(.+))?$/.exec(build);
  return {
    Version: m?.[1] ?? build,
    VersionPrerelease: m?.[2] ?? '',
    VersionMetadata: m?.[3] ?? '',
    Revision: revision,
    BuildDate: '2024-11-15T10:00:00Z',
  };
}

function configJson(ctx: Ctx): Record<string, unknown> {
  const { agent: a, state } = ctx;
  const server = a.role === 'server';
  return {
    Region: a.region,
    Datacenter: a.datacenter,
    NodeName: a.name,
    DataDir: `/opt/nomad/${a.name}`,
    LogLevel: 'INFO',
    BindAddr: '0.0.0.0',
    EnableDebug: false,
    Ports: { HTTP: ctx.port, RPC: 4647, Serf: 4648 },
    Addresses: { HTTP: '127.0.0.1', RPC: '0.0.0.0', Serf: '0.0.0.0' },
    AdvertiseAddrs: { HTTP: `127.0.0.1:${ctx.port}`, RPC: a.rpcAddr, Serf: a.serfAddr },
    Server: { Enabled: server, BootstrapExpect: server ? state.cfg.serversPerRegion : 0, ServerJoin: null },
    Client: { Enabled: !server, Servers: server ? null : (state.clientServers.get(a.name) ?? []) },
    ACL: {
      Enabled: ctx.acl.enabled,
      TokenTTL: 30_000_000_000,
      PolicyTTL: 30_000_000_000,
      ReplicationToken: '',
    },
    TLSConfig: {
      EnableHTTP: ctx.tls.enabled,
      EnableRPC: false,
      VerifyHTTPSClient: ctx.tls.mtls,
      VerifyServerHostname: false,
      CAFile: '',
      CertFile: '',
      KeyFile: '',
    },
    Version: versionObject(state.cfg.build, state.revision),
    UI: { Enabled: true },
    Consuls: [{ Name: 'default', Address: '127.0.0.1:8500', Token: '<redacted>' }],
    Vaults: [{ Name: 'default', Enabled: false }],
  };
}

const RUNTIME = {
  'kernel.name': 'linux',
  arch: 'amd64',
  version: 'go1.22.9',
  max_procs: '8',
  goroutines: '131',
  cpu_count: '8',
};

function serverStats(ctx: Ctx): Record<string, Record<string, string>> {
  const { agent: a, state } = ctx;
  const leader = state.leaderOf(a.region);
  const isLeader = leader?.agent.fullName === a.fullName;
  const peers = state.raftPeers(a.region);
  const present = [...state.members.values()].filter((m) => m.present);
  return {
    nomad: {
      server: 'true',
      leader: String(isLeader),
      leader_addr: leader?.agent.rpcAddr ?? '',
      bootstrap: String(state.cfg.serversPerRegion === 1),
      known_regions: String(state.knownRegions().length),
    },
    raft: {
      state: isLeader ? 'Leader' : leader ? 'Follower' : 'Candidate',
      last_contact: isLeader ? '0' : leader ? '41.2ms' : 'never',
      term: '2',
      last_log_index: '46',
      last_log_term: '2',
      commit_index: '46',
      applied_index: '46',
      fsm_pending: '0',
      last_snapshot_index: '0',
      last_snapshot_term: '0',
      protocol_version: '3',
      protocol_version_min: '0',
      protocol_version_max: '3',
      snapshot_version_min: '0',
      snapshot_version_max: '1',
      latest_configuration_index: '0',
      latest_configuration: `[${peers.map((p) => `{Suffrage:Voter ID:${p.id} Address:${p.agent.rpcAddr}}`).join(' ')}]`,
      num_peers: String(Math.max(0, peers.length - 1)),
      logstore_backend: 'boltdb',
    },
    serf: {
      members: String(present.length),
      failed: String(present.filter((m) => m.status === 'failed').length),
      left: String(present.filter((m) => m.status === 'left').length),
      health_score: '0',
      member_time: String(present.length),
      event_time: '1',
      query_time: '1',
      intent_queue: '0',
      event_queue: '0',
      query_queue: '0',
      encrypted: 'false',
      coordinate_resets: '0',
    },
    runtime: { ...RUNTIME },
  };
}

function clientStats(ctx: Ctx): Record<string, Record<string, string>> {
  const servers = ctx.state.clientServers.get(ctx.agent.name) ?? [];
  return {
    client: {
      node_id: ctx.state.nodeIds.get(ctx.agent.name) ?? '',
      known_servers: servers.join(','),
      num_allocations: '0',
      last_heartbeat: servers.length > 0 ? '4.321s' : '1m30s',
      heartbeat_ttl: '17.54s',
    },
    runtime: { ...RUNTIME },
  };
}

/** The /v1/agent/self body for the agent in `ctx`. */
export function selfJson(ctx: Ctx): Record<string, unknown> {
  const server = ctx.agent.role === 'server';
  const own = server ? ctx.state.member(ctx.agent.fullName) : undefined;
  return {
    config: configJson(ctx),
    member: own ? memberJson(own, ctx.state) : ZERO_MEMBER,
    stats: server ? serverStats(ctx) : clientStats(ctx),
  };
}
