/**
 * Small builders for detector tests: a realistic server member and a successful snapshot, with overrides.
 */
import type { ClusterSnapshot, LeaderLookup, Member, NomadError } from '../../common/domain.js';
import type { DetectorConfig, Observation } from '../../main/core/monitor/types.js';

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
    tags: {},
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

/** An observation with three alive servers in `global`, overridable. */
export function makeObservation(overrides: Partial<Observation> = {}): Observation {
  return {
    time: 0,
    reachability: 'ok',
    errorKind: null,
    errorMessage: null,
    errorDetail: null,
    members: { 'server-1.global': 'alive', 'server-2.global': 'alive', 'server-3.global': 'alive' },
    leaders: { global: '127.0.1.1:4647' },
    health: { server: true },
    quorum: { global: { alive: 3, expected: 3, canLose: 1 } },
    ...overrides,
  };
}

/** An unreachable observation (connection refused). */
export function unreachableObservation(time: number): Observation {
  return makeObservation({
    time,
    reachability: 'unreachable',
    errorKind: 'unreachable',
    errorMessage: 'connect ECONNREFUSED 127.0.0.1:4646',
    errorDetail: 'connect ECONNREFUSED 127.0.0.1:4646',
    members: null,
    leaders: {},
    health: {},
    quorum: {},
  });
}

export const defaultConfig: DetectorConfig = {
  confirmPolls: 2,
  recoveryPolls: 2,
  flapTransitions: 4,
  flapWindowMs: 60_000,
};
