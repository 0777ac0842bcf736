import { describe, expect, it } from 'vitest';
import type { Quorum } from '../../common/domain.js';
import type { Member } from '../../common/nomad-domain.js';
import { quorumSize } from '../../common/quorum-text.js';
import { quorumByRegion, quorumLevel } from '../../main/core/monitor/quorum.js';
import { makeMember, makeServers } from './builders.js';

const down = (status: Member['status']) => () => ({ status });

const rows: { name: string; members: Member[]; want: Record<string, Quorum> }[] = [
  { name: 'no members', members: [], want: {} },
  {
    name: '1 server alive',
    members: makeServers(1),
    want: { global: { alive: 1, expected: 1, canLose: 0 } },
  },
  {
    name: '2 servers alive',
    members: makeServers(2),
    want: { global: { alive: 2, expected: 2, canLose: 0 } },
  },
  {
    name: '2 servers, one failed',
    members: makeServers(2, 'global', (i) => (i === 2 ? { status: 'failed' } : {})),
    want: { global: { alive: 1, expected: 2, canLose: -1 } },
  },
  {
    name: '3 servers alive',
    members: makeServers(3),
    want: { global: { alive: 3, expected: 3, canLose: 1 } },
  },
  {
    name: '3 servers, one failed',
    members: makeServers(3, 'global', (i) => (i === 3 ? { status: 'failed' } : {})),
    want: { global: { alive: 2, expected: 3, canLose: 0 } },
  },
  {
    name: '3 servers, two failed',
    members: makeServers(3, 'global', (i) => (i > 1 ? { status: 'failed' } : {})),
    want: { global: { alive: 1, expected: 3, canLose: -1 } },
  },
  {
    name: '5 servers alive',
    members: makeServers(5),
    want: { global: { alive: 5, expected: 5, canLose: 2 } },
  },
  {
    name: '5 servers, two failed',
    members: makeServers(5, 'global', (i) => (i > 3 ? { status: 'failed' } : {})),
    want: { global: { alive: 3, expected: 5, canLose: 0 } },
  },
  {
    name: 'expect tag 3 with only 2 servers joined so far',
    members: makeServers(2, 'global', () => ({ expect: 3 })),
    want: { global: { alive: 2, expected: 3, canLose: 0 } },
  },
  {
    name: 'expect tag 5 (max across members) over a lower one',
    members: makeServers(3, 'global', (i) => ({ expect: i === 1 ? 5 : 3 })),
    want: { global: { alive: 3, expected: 5, canLose: 0 } },
  },
  {
    name: 'expect tag 3 with 5 voters: the larger value counts',
    members: makeServers(5, 'global', () => ({ expect: 3 })),
    want: { global: { alive: 5, expected: 5, canLose: 2 } },
  },
  {
    name: 'non-voter is neither alive nor expected',
    members: makeServers(4, 'global', (i) => (i === 4 ? { voter: false } : {})),
    want: { global: { alive: 3, expected: 3, canLose: 1 } },
  },
  {
    name: 'left server no longer expected',
    members: makeServers(4, 'global', (i) => (i === 4 ? { status: 'left' } : {})),
    want: { global: { alive: 3, expected: 3, canLose: 1 } },
  },
  {
    name: 'leaving server still expected but not alive',
    members: makeServers(3, 'global', (i) => (i === 3 ? { status: 'leaving' } : {})),
    want: { global: { alive: 2, expected: 3, canLose: 0 } },
  },
  {
    name: 'region whose servers all left is omitted',
    members: [...makeServers(3), ...makeServers(2, 'eu', down('left'))],
    want: { global: { alive: 3, expected: 3, canLose: 1 } },
  },
  {
    name: 'two regions counted separately',
    members: [...makeServers(3), ...makeServers(3, 'eu', (i) => (i === 1 ? { status: 'failed' } : {}))],
    want: { global: { alive: 3, expected: 3, canLose: 1 }, eu: { alive: 2, expected: 3, canLose: 0 } },
  },
  {
    name: 'region of non-voters only has nothing to count',
    members: [makeMember({ region: 'edge', voter: false })],
    want: {},
  },
];

describe('quorumByRegion', () => {
  it.each(rows)('$name', ({ members, want }) => {
    expect(quorumByRegion(members)).toEqual(want);
  });
});

describe('quorumLevel', () => {
  const levels: { q: Quorum; want: ReturnType<typeof quorumLevel> }[] = [
    { q: { alive: 3, expected: 3, canLose: 1 }, want: 'safe' },
    { q: { alive: 1, expected: 1, canLose: 0 }, want: 'safe' },
    { q: { alive: 2, expected: 2, canLose: 0 }, want: 'safe' },
    { q: { alive: 2, expected: 3, canLose: 0 }, want: 'at-risk' },
    { q: { alive: 1, expected: 3, canLose: -1 }, want: 'lost' },
    { q: { alive: 0, expected: 1, canLose: -1 }, want: 'lost' },
  ];
  it.each(levels)('$q.alive/$q.expected → $want', ({ q, want }) => {
    expect(quorumLevel(q)).toBe(want);
  });
});

describe('quorumSize (one rule for the monitor, the wording and the force-leave preview)', () => {
  it('is a majority of the expected voters', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(quorumSize)).toEqual([1, 2, 2, 3, 3, 4, 4]);
  });
});
