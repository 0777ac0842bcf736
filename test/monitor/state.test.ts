import { describe, expect, it } from 'vitest';
import type { ClusterStateKind } from '../../common/domain.js';
import { clusterState } from '../../main/core/monitor/index.js';
import { worstState } from '../../main/core/monitor/state.js';
import type { ClusterStateInput } from '../../main/core/monitor/state.js';
import {
  leaderErr,
  leaderOk,
  makeFailedSnapshot,
  makeMember,
  makeServers,
  makeSnapshot,
} from './builders.js';

const base: ClusterStateInput = {
  snapshot: makeSnapshot(),
  lastGood: makeSnapshot(),
  now: 1_000,
  intervalMs: 10_000,
  staleAfterIntervals: 3,
  paused: false,
};

const failedServer2 = makeServers(3, 'global', (i) => (i === 2 ? { status: 'failed' } : {}));

const rows: {
  name: string;
  input: Partial<ClusterStateInput>;
  state: ClusterStateKind;
  reasons: string[];
}[] = [
  {
    name: '1 paused wins over everything',
    input: { paused: true, snapshot: null },
    state: 'paused',
    reasons: ['monitoring is paused'],
  },
  {
    name: '2 no snapshot yet',
    input: { snapshot: null, lastGood: null },
    state: 'unknown',
    reasons: ['not polled yet'],
  },
  {
    name: '3 token refused',
    input: {
      snapshot: makeFailedSnapshot({ kind: 'forbidden', message: 'Permission denied', status: 403 }),
      now: 31_000,
    },
    state: 'forbidden',
    reasons: ['the ACL token was refused (403)', 'last successful poll 30 s ago'],
  },
  {
    name: '4 TLS failure',
    input: {
      snapshot: makeFailedSnapshot({
        kind: 'tls',
        message: 'self-signed cert',
        tlsReason: 'unknown-authority',
      }),
      lastGood: null,
    },
    state: 'tls-error',
    reasons: ['TLS: certificate signed by an unknown authority', 'no successful poll yet'],
  },
  {
    name: '5 connection refused',
    input: {
      snapshot: makeFailedSnapshot({ kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:4646' }),
    },
    state: 'unreachable',
    reasons: ['agent unreachable: connect ECONNREFUSED 127.0.0.1:4646', 'last successful poll 0 s ago'],
  },
  {
    name: '5 never healthy when the last poll failed, even with members in the snapshot',
    input: {
      snapshot: makeSnapshot({
        error: { kind: 'http', message: 'HTTP 500: boom' },
        reachable: true,
        health: null,
      }),
    },
    state: 'unreachable',
    reasons: ['agent unreachable: HTTP 500: boom', 'last successful poll 0 s ago'],
  },
  {
    name: '4a members 501 (an old client agent): not a server, never unreachable',
    input: {
      snapshot: makeFailedSnapshot(
        {
          kind: 'wrong-role',
          message: 'The agent cannot serve this (501)',
          status: 501,
          body: 'Invalid method',
        },
        { reachable: true, agentRole: 'client' },
      ),
    },
    state: 'unknown',
    reasons: [
      'the agent answers but is not a server (members unavailable on this version): add a server address',
      'last successful poll 0 s ago',
    ],
  },
  {
    name: '4b client without servers (0.5-1.5: members 500 no servers), health says so',
    input: {
      snapshot: makeFailedSnapshot(
        { kind: 'no-servers', message: 'The client agent has no servers (500 no servers)', status: 500 },
        {
          reachable: true,
          health: { client: { ok: false, message: 'no known servers' } },
          agentRole: 'client',
        },
      ),
    },
    state: 'degraded',
    reasons: [
      'client has no servers: the agent answers, but its client reaches no Nomad server (health: no known servers)',
      'last successful poll 0 s ago',
    ],
  },
  {
    name: '4b client without servers (≥1.6: members blocks until our timeout), health answered at once',
    input: {
      snapshot: makeFailedSnapshot(
        { kind: 'timeout', message: 'The agent did not answer in time' },
        { health: { client: { ok: false, message: 'no known servers' } }, agentRole: 'client' },
      ),
    },
    state: 'degraded',
    reasons: [
      'client has no servers: the agent answers, but its client reaches no Nomad server (health: no known servers)',
      'last successful poll 0 s ago',
    ],
  },
  {
    name: '4b `500 no servers` without a health endpoint (0.5-0.6)',
    input: {
      snapshot: makeFailedSnapshot(
        { kind: 'no-servers', message: 'no servers', status: 500 },
        { reachable: true },
      ),
    },
    state: 'degraded',
    reasons: [
      'client has no servers: the agent answers, but its client reaches no Nomad server',
      'last successful poll 0 s ago',
    ],
  },
  {
    name: '4c health answered but members timed out',
    input: {
      snapshot: makeFailedSnapshot(
        { kind: 'timeout', message: 'The agent did not answer in time' },
        { health: { server: { ok: true, message: 'ok' } } },
      ),
    },
    state: 'degraded',
    reasons: [
      'the agent answers, but its member list failed: The agent did not answer in time',
      'last successful poll 0 s ago',
    ],
  },
  {
    name: '5 a snapshot without error but without members is not healthy',
    input: { snapshot: makeSnapshot({ members: null }) },
    state: 'unreachable',
    reasons: ['the member list could not be read', 'last successful poll 0 s ago'],
  },
  {
    name: '6 stale: last poll older than 3 intervals',
    input: { now: 1_000 + 31_000 },
    state: 'stale',
    reasons: ['last poll was 31 s ago (polling every 10 s)'],
  },
  {
    name: '6 not stale at exactly 3 intervals',
    input: { now: 1_000 + 30_000 },
    state: 'healthy',
    reasons: [],
  },
  {
    name: '7 no leader (lookup ok, null address)',
    input: { snapshot: makeSnapshot({ leaders: { global: leaderOk(null) } }) },
    state: 'critical',
    reasons: ['no leader in region global'],
  },
  {
    name: '7 no leader (no-leader error) in a second region',
    input: {
      snapshot: makeSnapshot({
        members: [...makeServers(3), ...makeServers(3, 'eu')],
        leaders: { global: leaderOk('127.0.1.1:4647'), eu: leaderErr('no-leader') },
      }),
    },
    state: 'critical',
    reasons: ['no leader in region eu'],
  },
  {
    name: '7 quorum lost',
    input: {
      snapshot: makeSnapshot({
        members: makeServers(3, 'global', (i) => (i > 1 ? { status: 'failed' } : {})),
      }),
    },
    state: 'critical',
    reasons: [
      'quorum lost in global: 1/3 alive, needs 2',
      'server-2.global failed',
      'server-3.global failed',
    ],
  },
  {
    name: '7 zero margin in a region designed with margin',
    input: { snapshot: makeSnapshot({ members: failedServer2 }) },
    state: 'critical',
    reasons: ['quorum in global: 2/3 alive, can lose 0', 'server-2.global failed'],
  },
  {
    name: '8 failed server with margin left (5 servers)',
    input: {
      snapshot: makeSnapshot({
        members: makeServers(5, 'global', (i) => (i === 5 ? { status: 'failed' } : {})),
      }),
    },
    state: 'degraded',
    reasons: ['server-5.global failed'],
  },
  {
    name: '8 health not ok',
    input: { snapshot: makeSnapshot({ health: { client: { ok: false, message: 'no known servers' } } }) },
    state: 'degraded',
    reasons: ['client health check failing: no known servers'],
  },
  {
    name: '8 leader lookup failed another way',
    input: {
      snapshot: makeSnapshot({
        leaders: { global: leaderErr('http', 'Unexpected response code: 500: rpc error') },
      }),
    },
    state: 'degraded',
    reasons: ['leader of region global unknown: Unexpected response code: 500: rpc error'],
  },
  {
    name: '7 a leader lookup held past our timeout while the agent answered members: no leader',
    input: {
      snapshot: makeSnapshot({ leaders: { global: leaderErr('timeout', 'headers timeout after 5 s') } }),
    },
    state: 'critical',
    reasons: [
      'no leader in region global (the leader lookup was held past our timeout, as Nomad does while a region has no leader)',
    ],
  },
  {
    name: '8 several members claim one region’s leadership (same advertised RPC address)',
    input: {
      snapshot: makeSnapshot({
        members: makeServers(3, 'global', () => ({
          address: '0.0.0.0',
          rpcAddr: '0.0.0.0:4647',
          leader: true,
        })),
        leaders: { global: leaderOk('0.0.0.0:4647') },
      }),
    },
    state: 'degraded',
    reasons: [
      '3 members claim leadership of region global (server-1.global, server-2.global, server-3.global): they advertise the same RPC address',
      "servers advertise an unroutable address (server-1.global, server-2.global, server-3.global): set Nomad's advertise addresses",
    ],
  },
  {
    name: '8 version skew among alive servers',
    input: {
      snapshot: makeSnapshot({
        members: makeServers(3, 'global', (i) => (i === 3 ? { build: '1.10.0' } : {})),
      }),
    },
    state: 'degraded',
    reasons: ['version skew: 1.10.0 on server-3.global; 1.9.3 on server-1.global, server-2.global'],
  },
  {
    name: '8 different build on a left server is not skew',
    input: {
      snapshot: makeSnapshot({
        members: [...makeServers(3), makeMember({ shortName: 'old', status: 'left', build: '1.8.0' })],
      }),
    },
    state: 'healthy',
    reasons: [],
  },
  { name: '9 healthy', input: {}, state: 'healthy', reasons: [] },
  {
    name: '9 single-server dev cluster is healthy (no margin designed)',
    input: { snapshot: makeSnapshot({ members: makeServers(1) }) },
    state: 'healthy',
    reasons: [],
  },
];

describe('clusterState', () => {
  it.each(rows)('$name → $state', ({ input, state, reasons }) => {
    const got = clusterState({ ...base, ...input });
    expect(got.state).toBe(state);
    expect(got.reasons).toEqual(reasons);
  });

  it('keeps the last known quorum while the agent is unreachable', () => {
    const got = clusterState({
      ...base,
      snapshot: makeFailedSnapshot({ kind: 'timeout', message: 'connect timeout' }),
      lastGood: makeSnapshot({ members: failedServer2 }),
    });
    expect(got.state).toBe('unreachable');
    expect(got.quorum).toEqual({ global: { alive: 2, expected: 3, canLose: 0 } });
  });
});

describe('worstState', () => {
  const cases: { states: ClusterStateKind[]; want: ClusterStateKind }[] = [
    { states: [], want: 'unknown' },
    { states: ['healthy'], want: 'healthy' },
    { states: ['healthy', 'paused'], want: 'paused' },
    { states: ['healthy', 'degraded', 'stale'], want: 'degraded' },
    { states: ['forbidden', 'tls-error'], want: 'tls-error' },
    { states: ['unreachable', 'critical', 'healthy'], want: 'critical' },
  ];
  it.each(cases)('$states → $want', ({ states, want }) => {
    expect(worstState(states)).toBe(want);
  });
});

describe('clusterState: the edges of each row', () => {
  it('a successful poll whose health was not read (health: null) and members present is healthy', () => {
    const got = clusterState({ ...base, snapshot: makeSnapshot({ health: null }) });
    expect(got).toEqual({
      state: 'healthy',
      reasons: [],
      quorum: { global: { alive: 3, expected: 3, canLose: 1 } },
    });
  });

  it('health null with a failed member: the member and the quorum margin are still read', () => {
    const got = clusterState({ ...base, snapshot: makeSnapshot({ health: null, members: failedServer2 }) });
    expect(got.state).toBe('critical');
    expect(got.reasons).toEqual(['quorum in global: 2/3 alive, can lose 0', 'server-2.global failed']);
  });

  it('a failing client health check on a server is named with its role and message', () => {
    const got = clusterState({
      ...base,
      snapshot: makeSnapshot({
        health: { server: { ok: true, message: 'ok' }, client: { ok: false, message: 'no servers' } },
      }),
    });
    expect(got).toMatchObject({ state: 'degraded', reasons: ['client health check failing: no servers'] });
  });

  it('a reachable snapshot without error still needs a member list; unreachable without error is unreachable', () => {
    const got = clusterState({ ...base, snapshot: makeSnapshot({ reachable: false }), lastGood: null });
    expect(got).toMatchObject({
      state: 'unreachable',
      reasons: ['the member list could not be read', 'no successful poll yet'],
    });
  });

  it('a 403 without a status says 403; a 401 status is kept', () => {
    const no = clusterState({ ...base, snapshot: makeFailedSnapshot({ kind: 'forbidden', message: 'x' }) });
    expect(no.reasons[0]).toBe('the ACL token was refused (403)');
    const s401 = clusterState({
      ...base,
      snapshot: makeFailedSnapshot({ kind: 'forbidden', message: 'x', status: 401 }),
    });
    expect(s401.reasons[0]).toBe('the ACL token was refused (401)');
  });

  it("a 403's reason follows the token check: no token set, refused, or lacking the call's capability", () => {
    const reason = (extra: object) =>
      clusterState({
        ...base,
        snapshot: makeFailedSnapshot({ kind: 'forbidden', message: 'x', status: 403, ...extra }),
      }).reasons[0];
    expect(reason({ aclReason: 'no-token', capability: 'node:read' })).toBe('no ACL token set (403)');
    expect(reason({ aclReason: 'token-refused' })).toBe('the ACL token was refused (403)');
    expect(reason({ aclReason: 'lacks-capability', capability: 'node:read' })).toBe(
      'the ACL token lacks node:read (403)',
    );
    expect(reason({ aclReason: 'lacks-capability' })).toBe(
      'the ACL token lacks a capability the call needs (403)',
    );
  });

  it('our own side (a settings error) is the error state with its sentence', () => {
    const got = clusterState({
      ...base,
      snapshot: makeFailedSnapshot({ kind: 'config', message: 'cannot read /etc/nomad/ca.pem' }),
      lastGood: null,
    });
    expect(got).toMatchObject({
      state: 'error',
      reasons: ['settings: cannot read /etc/nomad/ca.pem', 'no successful poll yet'],
    });
  });

  it('paused keeps the last known quorum; not polled yet reads the last good one too', () => {
    const lastGood = makeSnapshot({ members: failedServer2 });
    const want = { global: { alive: 2, expected: 3, canLose: 0 } };
    expect(clusterState({ ...base, paused: true, snapshot: null, lastGood }).quorum).toEqual(want);
    expect(clusterState({ ...base, snapshot: null, lastGood }).quorum).toEqual(want);
  });

  it('stale names the age and the poll interval; one millisecond past the limit is stale', () => {
    const got = clusterState({ ...base, snapshot: makeSnapshot({ time: 0 }), now: 30_001 });
    expect(got).toMatchObject({ state: 'stale', reasons: ['last poll was 30 s ago (polling every 10 s)'] });
    expect(clusterState({ ...base, snapshot: makeSnapshot({ time: 0 }), now: 30_000 }).state).toBe('healthy');
  });

  it('a leader lookup for a region whose servers all left is ignored (no critical, no degraded)', () => {
    const got = clusterState({
      ...base,
      snapshot: makeSnapshot({
        members: [...makeServers(3), ...makeServers(3, 'east', () => ({ status: 'left' }))],
        leaders: {
          global: leaderOk('127.0.1.1:4647'),
          east: leaderOk(null),
          west: leaderErr('timeout', 'slow'),
          north: leaderErr('invalid-response', 'not JSON'),
        },
      }),
    });
    expect(got).toMatchObject({ state: 'healthy', reasons: [] });
  });

  it('critical findings come first, each sorted by region, then degraded ones sorted by name', () => {
    const got = clusterState({
      ...base,
      snapshot: makeSnapshot({
        members: [
          ...makeServers(3, 'west', (i) => (i === 1 ? { status: 'failed' } : {})),
          ...makeServers(3, 'east', (i) => (i !== 3 ? { status: 'failed' } : {})),
        ],
        leaders: {
          west: leaderErr('invalid-response', 'not JSON'),
          east: leaderOk(null),
          south: leaderOk(null),
        },
      }),
    });
    expect(got.state).toBe('critical');
    expect(got.reasons).toEqual([
      'no leader in region east',
      'quorum lost in east: 1/3 alive, needs 2',
      'quorum in west: 2/3 alive, can lose 0',
      'server-1.east failed',
      'server-1.west failed',
      'server-2.east failed',
      'leader of region west unknown: not JSON',
    ]);
  });

  it('version skew ignores members without a build and non-alive members, and lists builds sorted', () => {
    const members = [
      makeMember({ shortName: 'a', build: '1.9.3' }),
      makeMember({ shortName: 'b', build: '' }),
      makeMember({ shortName: 'c', build: '1.9.3' }),
      makeMember({ shortName: 'd', build: '1.10.0', status: 'failed' }),
    ];
    expect(clusterState({ ...base, snapshot: makeSnapshot({ members }) }).reasons).not.toContainEqual(
      expect.stringMatching(/skew/),
    );
    const skewed = [
      ...members,
      makeMember({ shortName: 'f', build: '1.8.0' }),
      makeMember({ shortName: 'e', build: '1.8.0' }),
    ];
    expect(clusterState({ ...base, snapshot: makeSnapshot({ members: skewed }) }).reasons).toContain(
      'version skew: 1.8.0 on e.global, f.global; 1.9.3 on a.global, c.global',
    );
  });

  it('server disagreements from the consistency check are degraded reasons', () => {
    const got = clusterState({
      ...base,
      snapshot: makeSnapshot({ disagreements: ['servers disagree on the leader of global'] }),
    });
    expect(got).toMatchObject({ state: 'degraded', reasons: ['servers disagree on the leader of global'] });
  });
});

describe('clusterState: order and emptiness', () => {
  it('regions are reported in name order, whatever order the lookups came in', () => {
    const members = [...makeServers(3, 'west'), ...makeServers(3, 'east')];
    const none = clusterState({
      ...base,
      snapshot: makeSnapshot({ members, leaders: { west: leaderOk(null), east: leaderOk(null) } }),
    });
    expect(none.reasons).toEqual(['no leader in region east', 'no leader in region west']);
    const unknown = clusterState({
      ...base,
      snapshot: makeSnapshot({
        members,
        leaders: { west: leaderErr('http', 'odd'), east: leaderErr('http', 'odd') },
      }),
    });
    expect(unknown.reasons).toEqual([
      'leader of region east unknown: odd',
      'leader of region west unknown: odd',
    ]);
  });

  it('with neither a snapshot nor a last good poll the quorum is empty', () => {
    expect(clusterState({ ...base, snapshot: null, lastGood: null }).quorum).toEqual({});
  });
});
