/** sortMembers uses one Intl.Collator: the order must stay the one `localeCompare` gives. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortMembers } from '../../renderer/lib/members.js';
import { makeMember } from './fixtures.js';

describe('sortMembers', () => {
  it('orders by region, datacenter, then name exactly like localeCompare', () => {
    const part = fc.constantFrom('eu', 'EU', 'ap', 'Ap', 'é', 'e', 'z', '10', '9', '');
    fc.assert(
      fc.property(fc.array(fc.tuple(part, part, fc.string({ maxLength: 6 })), { maxLength: 40 }), (rows) => {
        const members = rows.map(([region, datacenter, name], i) =>
          makeMember({ region, datacenter, name: `${name}#${i}`, shortName: name }),
        );
        const expected = [...members].sort(
          (a, b) =>
            a.region.localeCompare(b.region) ||
            a.datacenter.localeCompare(b.datacenter) ||
            a.name.localeCompare(b.name),
        );
        expect(sortMembers(members).map((m) => m.name)).toEqual(expected.map((m) => m.name));
      }),
      { numRuns: 200 },
    );
  });
});
