/** The members table order: problems first by default, natural name order, sortable columns. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MemberStatus } from '../../common/nomad-domain.js';
import { DEFAULT_SORT, nextSort, sortMembers, statusCounts } from '../../renderer/lib/members.js';
import { makeMember } from './fixtures.js';

const natural = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });
const names = (ms: { shortName: string }[]) => ms.map((m) => m.shortName);

describe('sortMembers', () => {
  it('by default orders alive members by region, datacenter, then name exactly like a numeric localeCompare', () => {
    const part = fc.constantFrom('eu', 'EU', 'ap', 'Ap', 'é', 'e', 'z', '10', '9', '');
    fc.assert(
      fc.property(fc.array(fc.tuple(part, part, fc.string({ maxLength: 6 })), { maxLength: 40 }), (rows) => {
        const members = rows.map(([region, datacenter, name], i) =>
          makeMember({ region, datacenter, name: `${name}#${i}`, shortName: name }),
        );
        const expected = [...members].sort(
          (a, b) =>
            natural(a.region, b.region) || natural(a.datacenter, b.datacenter) || natural(a.name, b.name),
        );
        expect(sortMembers(members).map((m) => m.name)).toEqual(expected.map((m) => m.name));
      }),
      { numRuns: 200 },
    );
  });

  it('sorts names naturally: server-2 before server-10', () => {
    const members = ['server-10', 'server-2', 'server-1'].map((shortName) => makeMember({ shortName }));
    expect(names(sortMembers(members))).toEqual(['server-1', 'server-2', 'server-10']);
  });

  it('puts problems first by default, the most urgent status first', () => {
    const status = (shortName: string, s: MemberStatus) => makeMember({ shortName, status: s, statusRaw: s });
    const members = [
      status('a', 'alive'),
      status('b', 'left'),
      status('c', 'failed'),
      status('d', 'leaving'),
      status('e', 'alive'),
    ];
    expect(names(sortMembers(members))).toEqual(['c', 'd', 'b', 'a', 'e']);
    expect(statusCounts(members)).toEqual([
      { status: 'failed', count: 1 },
      { status: 'leaving', count: 1 },
      { status: 'left', count: 1 },
      { status: 'alive', count: 2 },
    ]);
  });

  it('sorts by a column both ways, ties broken by place and name, and a third click restores the default', () => {
    const members = [
      makeMember({ shortName: 'server-10', serfPort: 4648 }),
      makeMember({ shortName: 'server-2', serfPort: 4649 }),
      makeMember({ shortName: 'server-1', serfPort: 4648, leader: true }),
    ];
    let sort = nextSort(DEFAULT_SORT, 'port');
    expect(names(sortMembers(members, sort))).toEqual(['server-1', 'server-10', 'server-2']);
    sort = nextSort(sort, 'port');
    expect(sort).toEqual({ column: 'port', descending: true });
    expect(names(sortMembers(members, sort))).toEqual(['server-2', 'server-1', 'server-10']);
    expect(nextSort(sort, 'port')).toEqual(DEFAULT_SORT);
    expect(names(sortMembers(members, nextSort(DEFAULT_SORT, 'leader')))[0]).toBe('server-1');
    expect(names(sortMembers(members, { column: 'name', descending: true }))).toEqual([
      'server-10',
      'server-2',
      'server-1',
    ]);
  });
});
