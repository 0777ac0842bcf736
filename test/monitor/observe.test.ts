import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../../common/domain.js';
import type { MemberStatus } from '../../common/nomad-domain.js';
import type { Observation } from '../../main/core/monitor/index.js';
import { observe } from '../../main/core/monitor/observe.js';
import {
  leaderErr,
  leaderOk,
  makeFailedSnapshot,
  makeServers,
  makeSnapshot,
  statusRecord,
} from './builders.js';

/** Expected fields; the member map is written as a plain record. */
type Want = Partial<Omit<Observation, 'members'>> & { members?: Record<string, MemberStatus> | null };
type Row = { name: string; snapshot: ClusterSnapshot; want: Want };

const rows: Row[] = [
  {
    name: 'healthy poll',
    snapshot: makeSnapshot(),
    want: {
      time: 1_000,
      reachability: 'ok',
      errorKind: null,
      errorMessage: null,
      errorDetail: null,
      members: { 'server-1.global': 'alive', 'server-2.global': 'alive', 'server-3.global': 'alive' },
      leaders: { global: '127.0.1.1:4647' },
      health: { server: true },
      quorum: { global: { alive: 3, expected: 3, canLose: 1 } },
    },
  },
  {
    name: 'failed member and failing health of both roles',
    snapshot: makeSnapshot({
      members: makeServers(2, 'global', (i) => (i === 2 ? { status: 'failed' } : {})),
      health: { server: { ok: false, message: 'No cluster leader' }, client: { ok: true, message: 'ok' } },
    }),
    want: {
      members: { 'server-1.global': 'alive', 'server-2.global': 'failed' },
      health: { server: false, client: true },
      quorum: { global: { alive: 1, expected: 2, canLose: -1 } },
    },
  },
  {
    name: 'leaders: ok address, ok null, no-leader error, other error omitted',
    snapshot: makeSnapshot({
      members: [
        ...makeServers(1),
        ...makeServers(1, 'eu'),
        ...makeServers(1, 'asia'),
        ...makeServers(1, 'us'),
      ],
      leaders: {
        global: leaderOk('127.0.1.1:4647'),
        eu: leaderOk(null),
        asia: leaderErr('no-leader'),
        us: leaderErr('http', 'No path to region'),
      },
    }),
    want: { leaders: { global: '127.0.1.1:4647', eu: null, asia: null } },
  },
  {
    name: 'a leader lookup held past our timeout (Nomad holds it while leaderless) reads as no leader',
    snapshot: makeSnapshot({ leaders: { global: leaderErr('timeout', 'headers timeout') } }),
    want: { leaders: { global: null } },
  },
  {
    name: 'an agent that answered (health) while members timed out is an error, never unreachable',
    snapshot: makeFailedSnapshot(
      { kind: 'timeout', message: 'The agent did not answer in time' },
      { health: { client: { ok: false, message: 'no known servers' } } },
    ),
    want: {
      reachability: 'error',
      errorMessage:
        'client has no servers: the agent answers, but its client reaches no Nomad server (health: no known servers)',
    },
  },
  {
    name: 'members 501 (old client agent) is an error with its own words, never unreachable',
    snapshot: makeFailedSnapshot({ kind: 'wrong-role', message: '501', status: 501, body: 'Invalid method' }),
    want: {
      reachability: 'error',
      errorMessage:
        'the agent answers but is not a server (members unavailable on this version): add a server address',
    },
  },
  {
    name: 'health not read: no role',
    snapshot: makeSnapshot({ health: null }),
    want: { health: {} },
  },
  {
    name: 'forbidden',
    snapshot: makeFailedSnapshot({
      kind: 'forbidden',
      message: 'ACL token refused',
      status: 403,
      body: 'Permission denied',
    }),
    want: {
      reachability: 'forbidden',
      errorKind: 'forbidden',
      errorMessage: 'ACL token refused',
      errorDetail: '403 Permission denied',
      members: null,
      leaders: {},
      quorum: {},
    },
  },
  {
    name: 'tls',
    snapshot: makeFailedSnapshot({ kind: 'tls', message: 'x509 stuff', tlsReason: 'expired' }),
    want: { reachability: 'tls', errorDetail: 'the certificate has expired or is not yet valid' },
  },
  {
    name: 'unreachable',
    snapshot: makeFailedSnapshot({ kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:4646' }),
    want: { reachability: 'unreachable', errorMessage: 'connect ECONNREFUSED 127.0.0.1:4646', members: null },
  },
  {
    name: 'timeout counts as unreachable',
    snapshot: makeFailedSnapshot({ kind: 'timeout', message: 'connect timeout' }),
    want: { reachability: 'unreachable', errorKind: 'timeout' },
  },
  {
    name: 'other error kinds are errors',
    snapshot: makeFailedSnapshot({ kind: 'invalid-response', message: 'not JSON' }),
    want: { reachability: 'error', errorKind: 'invalid-response' },
  },
  {
    name: 'no error but no member list is not ok',
    snapshot: makeSnapshot({ members: null }),
    want: { reachability: 'unreachable', errorMessage: 'the member list could not be read', members: null },
  },
];

describe('observe', () => {
  it.each(rows)('$name', ({ snapshot, want }) => {
    const got = observe(snapshot);
    // Compare exactly the fields the row names (toMatchObject would accept extra leaders or health roles).
    const picked = Object.fromEntries(Object.keys(want).map((k) => [k, got[k as keyof Observation]]));
    // The member list is compared as a plain name → status record (same names, same statuses).
    if ('members' in want && Array.isArray(got.members)) picked['members'] = statusRecord(got.members);
    expect(picked).toEqual(want);
  });
});
