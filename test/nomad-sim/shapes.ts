/**
 * JSON shapes of the simulated agent: a serf member (doc §1) and the /v1/agent/self body (doc §3). All
 * stats and tag values are strings, like Nomad's.
 */
import type { ClusterState, MemberRecord } from './cluster.js';
import type { Ctx } from './context.js';

/** A `Members[]` entry / the `member` of self for a server. */
export function memberJson(m: MemberRecord, state: ClusterState): Record<string, unknown> {
  const a = m.agent;
  const era = state.era;
  const tags: Record<string, string> = {
    role: 'nomad',
    region: a.region,
    dc: a.datacenter,
    build: state.cfg.build,
  };
  if (era.revisionTag) tags['revision'] = state.revision;
  tags['vsn'] = '1';
  if (era.mvnTag) tags['mvn'] = '1';
  if (era.raftTags) {
    tags['raft_vsn'] = era.mvnTag ? '2' : '3';
    tags['id'] = m.id;
    tags['rpc_addr'] = a.addr;
  }
  tags['port'] = String(a.rpcPort);
  const expect = state.cfg.bootstrapExpect;
  if (expect !== null) tags['expect'] = String(expect);
  if (expect === 1) tags['bootstrap'] = '1';
  for (const [name, value] of state.cfg.extraTags)
    Object.defineProperty(tags, name, { value, enumerable: true, writable: true, configurable: true });
  return {
    Name: a.fullName,
    Addr: a.addr,
    Port: a.serfPort,
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

/** ≤ 0.6: the version as flat strings beside each other instead of an object. */
function flatVersion(build: string, revision: string): Record<string, string> {
  const v = versionObject(build, revision);
  return { Version: v['Version'] ?? '', VersionPrerelease: v['VersionPrerelease'] ?? '', Revision: revision };
}

function configJson(ctx: Ctx): Record<string, unknown> {
  const { agent: a, state } = ctx;
  const server = a.role === 'server';
  const client = !server || a.alsoClient;
  const version = state.era.versionObject
    ? { Version: versionObject(state.cfg.build, state.revision) }
    : flatVersion(state.cfg.build, state.revision);
  return {
    Region: a.region,
    Datacenter: a.datacenter,
    NodeName: state.cfg.emptyNodeName && !server ? '' : a.name,
    DataDir: `/opt/nomad/${a.name}`,
    LogLevel: 'INFO',
    BindAddr: '0.0.0.0',
    EnableDebug: false,
    Ports: { HTTP: ctx.port, RPC: a.rpcPort, Serf: a.serfPort },
    Addresses: { HTTP: '127.0.0.1', RPC: '0.0.0.0', Serf: '0.0.0.0' },
    AdvertiseAddrs: { HTTP: `127.0.0.1:${ctx.port}`, RPC: a.rpcAddr, Serf: a.serfAddr },
    Server: {
      Enabled: server,
      BootstrapExpect: server ? (state.cfg.bootstrapExpect ?? 0) : 0,
      ServerJoin: null,
    },
    Client: { Enabled: client, Servers: client ? (state.clientServers.get(a.name) ?? []) : null },
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
    ...version,
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
  const leader = state.leaderOf(a.region, a.fullName);
  const isLeader = leader?.agent.fullName === a.fullName;
  const peers = state.raftPeers(a.region);
  const present = [...state.members.values()].filter((m) => m.present);
  return {
    nomad: {
      server: 'true',
      leader: String(isLeader),
      leader_addr: leader?.agent.rpcAddr ?? '',
      bootstrap: String(state.cfg.bootstrapExpect === 1),
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
      known_servers: ctx.state.era.knownServersList ? servers.join(',') : String(servers.length),
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
    stats: server
      ? { ...serverStats(ctx), ...(ctx.agent.alsoClient ? { client: clientStats(ctx)['client'] } : {}) }
      : clientStats(ctx),
  };
}
