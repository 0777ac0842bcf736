import { describe, expect, it } from 'vitest';
import { quorumMargin } from '../../common/quorum-text.js';
import { advertiseAnomalies, leaderVerdict } from '../../main/core/monitor/leadership.js';
import { toAgentSelf, RawSelfSchema } from '../../main/core/nomad/wire-self.js';
import { leaderErr, leaderOk, makeServers } from './builders.js';

describe('leaderVerdict: one reading of a leader lookup', () => {
  it.each([
    ['an address', leaderOk('10.0.0.1:4647'), { kind: 'leader', address: '10.0.0.1:4647' }],
    ['"" (null): no leader', leaderOk(null), { kind: 'none', held: false }],
    ['500 No cluster leader', leaderErr('no-leader'), { kind: 'none', held: false }],
    ['held past our timeout', leaderErr('timeout', 'headers timeout'), { kind: 'none', held: true }],
  ])('%s', (_name, lookup, want) => {
    expect(leaderVerdict(lookup)).toEqual(want);
  });

  it('any other failure: unknown, with the error', () => {
    const v = leaderVerdict(leaderErr('http', 'No path to region'));
    expect(v).toMatchObject({ kind: 'unknown', error: { message: 'No path to region' } });
  });
});

describe('advertiseAnomalies', () => {
  it('is silent for a normal cluster', () => {
    expect(advertiseAnomalies(makeServers(3, 'global', (i) => ({ leader: i === 1 })))).toEqual([]);
  });

  it('names several leaders per region, hostile region names included, and ignores left members', () => {
    const members = [
      ...makeServers(2, '__proto__', () => ({ leader: true })),
      ...makeServers(2, 'constructor', (i) => ({ leader: true, status: i === 2 ? 'left' : 'alive' })),
    ];
    expect(advertiseAnomalies(members)).toEqual([
      '2 members claim leadership of region __proto__ (server-1.__proto__, server-2.__proto__): they advertise the same RPC address',
    ]);
  });

  it('flags unroutable advertise addresses (0.0.0.0, ::)', () => {
    const members = makeServers(2, 'global', (i) => ({ address: i === 1 ? '0.0.0.0' : '::' }));
    expect(advertiseAnomalies(members)).toEqual([
      "servers advertise an unroutable address (server-1.global, server-2.global): set Nomad's advertise addresses",
    ]);
  });
});

describe('quorumMargin: never "can lose -1"', () => {
  it.each([
    [{ alive: 3, expected: 3, canLose: 1 }, 'can lose 1'],
    [{ alive: 2, expected: 3, canLose: 0 }, 'can lose 0'],
    [{ alive: 1, expected: 3, canLose: -1 }, 'quorum lost (needs 2)'],
    [{ alive: 0, expected: 5, canLose: -3 }, 'quorum lost (needs 3)'],
  ])('%o → %s', (q, text) => {
    expect(quorumMargin(q)).toBe(text);
  });
});

describe('toAgentSelf', () => {
  const raw = (leader: string) =>
    RawSelfSchema.parse({
      config: { Region: 'global', NodeName: 's1', Server: { Enabled: true } },
      member: {
        Name: 's1.global',
        Addr: '10.0.0.1',
        Port: 4648,
        Status: 'alive',
        Tags: { region: 'global', port: '4647' },
      },
      stats: { nomad: { leader } },
    });
  it('the agent’s own member leads exactly when stats.nomad.leader says so', () => {
    expect([toAgentSelf(raw('true')).isLeader, toAgentSelf(raw('true')).member?.leader]).toEqual([
      true,
      true,
    ]);
    expect([toAgentSelf(raw('false')).isLeader, toAgentSelf(raw('false')).member?.leader]).toEqual([
      false,
      false,
    ]);
  });
});
