/**
 * The members table's default order (common/member-order.ts), which the core uses for a first page of
 * `members:list` and the window for its sorting: a first page picked without sorting everything is exactly the
 * head of the sorted list, whatever the input order, ties and hostile names.
 */
import { describe, expect, it } from 'vitest';
import type { Member, MemberStatus } from '../../common/nomad-domain.js';
import { byDefaultOrder, firstMembers, inDefaultOrder } from '../../common/member-order.js';
import { makeMember } from '../support/builders.js';

const STATUSES: MemberStatus[] = ['alive', 'alive', 'alive', 'failed', 'leaving', 'left', 'none', 'unknown'];
const REGIONS = ['global', 'eu', '__proto__', 'constructor'];

/** A deterministic pseudo-random list of `n` members (a few share region, datacenter and status). */
function members(n: number, seed: number): Member[] {
  let x = seed;
  const next = (k: number) => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x % k;
  };
  return Array.from({ length: n }, (_, i) => {
    const region = REGIONS[next(REGIONS.length)] ?? 'global';
    const status = STATUSES[next(STATUSES.length)] ?? 'alive';
    return makeMember({
      name: `server-${next(50)}-${i}.${region}`,
      region,
      datacenter: `dc${next(3)}`,
      status,
      statusRaw: status,
    });
  });
}

describe('member default order', () => {
  it('problems first, then region, datacenter and name (counted, not spelled)', () => {
    const m = (name: string, status: MemberStatus = 'alive', region = 'global') =>
      makeMember({ name, status, statusRaw: status, region, datacenter: 'dc1' });
    const sorted = inDefaultOrder([
      m('server-10'),
      m('server-2'),
      m('a', 'alive', 'us'),
      m('z', 'failed', 'us'),
      m('y', 'leaving'),
    ]);
    expect(sorted.map((x) => x.name)).toEqual(['z', 'y', 'server-2', 'server-10', 'a']);
  });

  it('the first page is the head of the sorted list, for any list and limit', () => {
    for (const [n, seed] of [
      [0, 1],
      [1, 2],
      [7, 3],
      [250, 4],
      [1_000, 5],
    ] as const) {
      const list = members(n, seed);
      const before = [...list];
      const sorted = inDefaultOrder(list);
      for (const limit of [0, 1, 2, 50, 100, n - 1, n, n + 5]) {
        const page = firstMembers(list, limit);
        // Ties (equal region, datacenter, name) may come in either order: compare the order, not identities.
        expect(page.length, `${n}/${limit}`).toBe(Math.max(0, Math.min(limit, n)));
        page.forEach((member, i) => expect(byDefaultOrder(member, sorted[i] as Member)).toBe(0));
      }
      expect(list).toEqual(before); // the input is not reordered
    }
  });
});
