/**
 * Builders for realistic renderer fixtures (members, cluster views, events, settings), shaped like what the core
 * produces. Each takes overrides so a test states only what matters to it.
 */
import type { AgentSelf, Member, MonitorEvent, WireClusterView } from '../../common/domain.js';
import type { AppInfo, SettingsView } from '../../common/ipc-contract.js';
import { SettingsSchema } from '../../common/settings-schema.js';
import { leaderOk, makeMember as baseMember, makeSnapshot } from '../support/builders.js';

/**
 * A gossip member (a server by default) named `<short>.<region>`, as the window sees it: addresses in
 * 10.0.0.0/24, `expect` 3 and the tags a real server advertises (test/support/builders.ts has the rest).
 */
export function makeMember(overrides: Partial<Member> = {}): Member {
  const region = overrides.region ?? 'global';
  return baseMember({
    address: '10.0.0.11',
    expect: 3,
    tags: [
      ['role', 'nomad'],
      ['region', region],
      ['dc', overrides.datacenter ?? 'dc1'],
      ['port', '4647'],
    ],
    ...overrides,
  });
}

/** Three servers in `global`, the first leading. */
export function makeMembers(): Member[] {
  return [
    makeMember({ shortName: 'server-1', address: '10.0.0.11', leader: true }),
    makeMember({ shortName: 'server-2', address: '10.0.0.12' }),
    makeMember({ shortName: 'server-3', address: '10.0.0.13', status: 'failed', statusRaw: 'failed' }),
  ];
}

/**
 * A cluster view after a successful poll at `now`, as the window receives it (name-keyed records as pairs, no
 * member list: `members:list` answers makeMembers() for it).
 */
export function makeClusterView(
  overrides: Partial<WireClusterView> = {},
  now = 1_700_000_000_000,
): WireClusterView {
  const { members: _members, ...snapshot } = makeSnapshot({
    clusterId: overrides.id ?? 'prod',
    time: now,
    address: 'https://10.0.0.11:4646',
  });
  return {
    id: 'prod',
    name: 'Production',
    enabled: true,
    state: 'degraded',
    reasons: ['server-3.global failed'],
    quorum: [['global', { alive: 2, expected: 3, canLose: 0 }]],
    lastPoll: now,
    lastGoodPoll: now,
    failingSince: null,
    paused: false,
    snoozed: null,
    pollIntervalMs: 10_000,
    snapshot: { ...snapshot, leaders: [['global', leaderOk('10.0.0.11:4647')]] },
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
    stats: [],
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

/** A cluster (`staging`) whose agent has not answered for 2 min 5 s at `now`: connection refused. */
export function makeUnreachableView(now: number): WireClusterView {
  const staging = makeClusterView(
    {
      id: 'staging',
      name: 'Staging',
      state: 'unreachable',
      reasons: ['agent unreachable'],
      lastGoodPoll: now - 125_000,
      failingSince: now - 125_000,
    },
    now,
  );
  staging.snapshot = {
    ...staging.snapshot!,
    clusterId: 'staging',
    reachable: false,
    error: { kind: 'unreachable', message: 'connect ECONNREFUSED 10.1.0.4:4646' },
  };
  return staging;
}

/** `app:ready` of the desktop app on Linux. */
export function makeAppInfo(): AppInfo {
  return {
    mode: 'electron',
    version: '0.1.0',
    secretStorage: 'secure',
    platform: 'linux',
    osNotifications: true,
  };
}

/** Two recorded events before `now`: a member failure and a leader change. */
export function makeHistory(now: number): MonitorEvent[] {
  return [
    makeEvent({ time: now - 30_000 }),
    makeEvent({
      time: now - 90_000,
      type: 'leader-changed',
      severity: 'warning',
      message: 'leader changed to server-1.global',
      member: undefined,
    }),
  ];
}
