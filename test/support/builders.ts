/**
 * Builders of the domain values tests share (gossip members, leader lookups, cluster snapshots, client nodes), shaped like
 * what the Nomad client produces. Each takes overrides so a test states only what matters to it; area-specific
 * flavours (test/renderer/fixtures.ts) wrap these instead of copying them.
 */
import type { ClusterSnapshot, NodesSummary } from '../../common/domain.js';
import type { LeaderLookup, Member, NomadError, NomadNode } from '../../common/nomad-domain.js';

/** A server member; `name` defaults to `<shortName>.<region>`, rpcAddr to `<address>:4647`. */
export function makeMember(overrides: Partial<Member> = {}): Member {
  const shortName = overrides.shortName ?? 'server-1';
  const region = overrides.region ?? 'global';
  const address = overrides.address ?? '127.0.1.1';
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
    expect: null,
    voter: true,
    leader: false,
    tags: [],
    ...overrides,
  };
}

/** `n` alive servers server-1..n in `region`, addresses 127.0.1.1..n (or per-index overrides). */
export function makeServers(
  n: number,
  region = 'global',
  each: (i: number) => Partial<Member> = () => ({}),
): Member[] {
  return Array.from({ length: n }, (_, i) =>
    makeMember({ shortName: `server-${i + 1}`, region, address: `127.0.1.${i + 1}`, ...each(i + 1) }),
  );
}

/** A node watcher's summary of `total` ready nodes seen by blocking queries (override counts to taste). */
export function makeNodesSummary(overrides: Partial<NodesSummary> = {}): NodesSummary {
  return {
    mode: 'blocking',
    index: 10,
    lastGood: 1_000,
    error: null,
    total: 10,
    ready: 10,
    down: 0,
    retired: 0,
    disconnected: 0,
    initializing: 0,
    other: 0,
    draining: 0,
    ineligible: 0,
    ...overrides,
  };
}

/** A leader lookup that answered with an address (or null: no leader). */
export function leaderOk(address: string | null): LeaderLookup {
  return { ok: true, address };
}

/** A leader lookup that failed. */
export function leaderErr(kind: NomadError['kind'], message = 'No cluster leader'): LeaderLookup {
  return { ok: false, error: { kind, message } };
}

/** A successful poll of a healthy 3-server `global` region led by 127.0.1.1:4647, at time 1000. */
export function makeSnapshot(overrides: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return {
    clusterId: 'c1',
    time: 1_000,
    address: 'http://127.0.0.1:4646',
    reachable: true,
    error: null,
    health: { server: { ok: true, message: 'ok' } },
    members: makeServers(3),
    leaders: { global: leaderOk('127.0.1.1:4647') },
    agentRole: 'server',
    self: null,
    ...overrides,
  };
}

/** A failed poll (`error` set, nothing read). */
export function makeFailedSnapshot(
  error: NomadError,
  overrides: Partial<ClusterSnapshot> = {},
): ClusterSnapshot {
  return makeSnapshot({ reachable: false, error, health: null, members: null, leaders: {}, ...overrides });
}

/** Every node made is a new write (Nomad bumps a node's ModifyIndex on each): a fresh index each time. */
let nodeWrites = 0;

/**
 * A ready, eligible client node `name` of dc1, pool `default`, no class, id `id-<name>`, as `/v1/nodes` lists it
 * (normalised). Its ModifyIndex is a fresh write unless overridden.
 */
export function makeNode(name: string, overrides: Partial<NomadNode> = {}): NomadNode {
  nodeWrites += 1;
  return {
    id: `id-${name}`,
    name,
    address: '10.0.0.1',
    datacenter: 'dc1',
    nodePool: 'default',
    nodeClass: '',
    version: '1.9.3',
    status: 'ready',
    statusRaw: overrides.status ?? 'ready',
    statusDescription: '',
    eligible: true,
    drain: false,
    lastDrain: null,
    drivers: [],
    createIndex: 1,
    modifyIndex: nodeWrites,
    ...overrides,
  };
}

/** `count` nodes node-1..count (overrides per index, 1-based), e.g. spread over datacenters. */
export function makeNodes(count: number, each: (i: number) => Partial<NomadNode> = () => ({})): NomadNode[] {
  return Array.from({ length: count }, (_, i) => makeNode(`node-${i + 1}`, each(i + 1)));
}
