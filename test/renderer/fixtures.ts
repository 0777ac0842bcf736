/**
 * Builders for realistic renderer fixtures (members, cluster views, events, settings), shaped like what the core
 * produces. Each takes overrides so a test states only what matters to it.
 */
import type { AgentSelf, ClusterView, Member, MonitorEvent } from '../../common/domain.js';
import type { SettingsView } from '../../common/ipc-contract.js';
import { SettingsSchema } from '../../common/settings-schema.js';

/** A gossip member (a server by default) named `<short>.<region>`. */
export function makeMember(overrides: Partial<Member> & { shortName?: string } = {}): Member {
  const shortName = overrides.shortName ?? 'server-1';
  const region = overrides.region ?? 'global';
  const address = overrides.address ?? '10.0.0.11';
  return {
    name: `${shortName}.${region}`,
    shortName,
    address,
    serfPort: 4648,
    rpcPort: 4647,
    rpcAddr: `${address}:4647`,
    status: 'alive',
    statusRaw: overrides.status ?? 'alive',
    region,
    datacenter: 'dc1',
    build: '1.9.3',
    raftVersion: '3',
    id: null,
    expect: 3,
    voter: true,
    leader: false,
    tags: { role: 'nomad', region, dc: overrides.datacenter ?? 'dc1', port: '4647' },
    ...overrides,
  };
}

/** Three servers in `global`, the first leading. */
export function makeMembers(): Member[] {
  return [
    makeMember({ shortName: 'server-1', address: '10.0.0.11', leader: true }),
    makeMember({ shortName: 'server-2', address: '10.0.0.12' }),
    makeMember({ shortName: 'server-3', address: '10.0.0.13', status: 'failed', statusRaw: 'failed' }),
  ];
}

/** A cluster view after a successful poll at `now`. */
export function makeClusterView(overrides: Partial<ClusterView> = {}, now = 1_700_000_000_000): ClusterView {
  const members = makeMembers();
  return {
    id: 'prod',
    name: 'Production',
    enabled: true,
    state: 'degraded',
    reasons: ['server-3.global failed'],
    quorum: { global: { alive: 2, expected: 3, canLose: 0 } },
    lastPoll: now,
    lastGoodPoll: now,
    failingSince: null,
    paused: false,
    snoozed: null,
    pollIntervalMs: 10_000,
    snapshot: {
      clusterId: overrides.id ?? 'prod',
      time: now,
      address: 'https://10.0.0.11:4646',
      reachable: true,
      error: null,
      health: { server: { ok: true, message: 'ok' } },
      members,
      leaders: { global: { ok: true, address: '10.0.0.11:4647' } },
      agentRole: 'server',
      self: null,
    },
    timeline: [
      { time: now - 60_000, state: 'healthy' },
      { time: now - 30_000, state: 'degraded' },
    ],
    ...overrides,
  };
}

/** A confirmed event. */
export function makeEvent(overrides: Partial<MonitorEvent> = {}): MonitorEvent {
  return {
    time: 1_700_000_000_000,
    clusterId: 'prod',
    cluster: 'Production',
    type: 'member-failed',
    member: 'server-3.global',
    region: 'global',
    severity: 'critical',
    message: 'server-3.global failed',
    ...overrides,
  };
}

/** `/v1/agent/self` of a server. */
export function makeSelf(overrides: Partial<AgentSelf> = {}): AgentSelf {
  return {
    name: 'server-1.global',
    region: 'global',
    datacenter: 'dc1',
    version: '1.9.3',
    role: 'server',
    aclEnabled: true,
    member: makeMember({ leader: true }),
    isLeader: true,
    leaderAddr: '10.0.0.11:4647',
    raftState: 'Leader',
    raftLastContact: '0',
    knownServers: [],
    lastHeartbeat: null,
    heartbeatTtl: null,
    stats: {},
    ...overrides,
  };
}

/** Settings with one cluster, as `settings:get` answers. */
export function makeSettingsView(): SettingsView {
  const settings = SettingsSchema.parse({
    schemaVersion: 1,
    clusters: [
      {
        id: 'prod',
        name: 'Production',
        addresses: ['https://10.0.0.11:4646'],
        token: { source: 'keychain' },
      },
    ],
  });
  return { settings, tokens: { prod: 'set' }, configDir: '/home/op/.config/nomad-tray', problems: [] };
}
