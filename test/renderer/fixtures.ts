/**
 * Builders for realistic renderer fixtures (members, cluster views, events, settings), shaped like what the core
 * produces. Each takes overrides so a test states only what matters to it.
 */
import type { MonitorEvent, WireClusterView } from '../../common/domain.js';
import type { AgentSelf, Member, NomadNode } from '../../common/nomad-domain.js';
import type { AppInfo, SettingsView } from '../../common/ipc-contract.js';
import { SettingsSchema } from '../../common/settings-schema.js';
import { leaderOk, makeMember as baseMember, makeNode, makeSnapshot } from '../support/builders.js';

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

/**
 * Client nodes of two datacenters and three pools at `now`, one of each kind a Nodes view must show: down (with
 * Nomad's description), disconnected, draining (with a last drain), ineligible, initializing, ready, an unhealthy
 * driver, and hostile names (`__proto__`, `constructor`, a control character, a very long name).
 */
export function makeNodeTable(now: number): NomadNode[] {
  const iso = (ms: number): string => new Date(ms).toISOString();
  const drivers = [
    { name: 'docker', detected: true, healthy: true },
    { name: 'exec', detected: true, healthy: true },
  ];
  const web = (i: number, over: Partial<NomadNode> = {}): NomadNode =>
    makeNode(`web-${i}`, {
      drivers,
      address: `10.0.1.${i}`,
      datacenter: i % 2 === 0 ? 'dc2' : 'dc1',
      nodePool: 'web',
      nodeClass: 'm5.large',
      ...over,
    });
  return [
    ...Array.from({ length: 8 }, (_, i) => web(i + 1)),
    web(9, { status: 'down', statusDescription: 'node heartbeat missed' }),
    web(10, { status: 'disconnected', statusDescription: 'node is disconnected' }),
    web(11, {
      drain: true,
      eligible: false,
      lastDrain: { status: 'draining', startedAt: iso(now - 300_000), updatedAt: iso(now - 60_000) },
    }),
    web(12, { eligible: false }),
    makeNode('gpu-1', {
      address: '10.0.2.1',
      datacenter: 'dc2',
      nodePool: 'gpu',
      nodeClass: 'p4d',
      status: 'initializing',
      drivers: [
        { name: 'docker', detected: true, healthy: true },
        { name: 'nvidia', detected: true, healthy: false },
      ],
    }),
    makeNode('__proto__', { address: '10.0.3.1', nodePool: 'constructor' }),
    makeNode('constructor', { address: '10.0.3.2', datacenter: '__proto__' }),
    makeNode('bell\u0007node', { address: '10.0.3.3' }),
    makeNode(`batch-${'x'.repeat(200)}`, { address: '10.0.3.4', nodePool: 'batch' }),
  ];
}

/** A document holding the answers a page embeds (renderer/lib/early.ts), cut where an HTML parser ends a script. */
export function embeddedDocument(html: string): Document {
  const text = /<script type="application\/json" id="nomad-tray-early">([\s\S]*?)<\/script/i.exec(html)?.[1];
  const element = text === undefined ? null : { textContent: text };
  return {
    getElementById: (id: string) => (id === 'nomad-tray-early' ? element : null),
  } as unknown as Document;
}
