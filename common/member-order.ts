/**
 * The members table's default order, in one place: the core answers a first page of `members:list` in it and the
 * window sorts with it (problems first: failed, leaving, … then alive; then region, datacenter and name).
 */
import type { Member, MemberStatus } from './nomad-domain.js';

/** How urgent a member status is, most urgent first: problems sort before healthy members by default. */
export const MEMBER_URGENCY: Record<MemberStatus, number> = {
  failed: 0,
  leaving: 1,
  unknown: 2,
  none: 3,
  left: 4,
  alive: 5,
};

/**
 * One collator for every sort (members here, client nodes in the window), with numeric collation: names sort the
 * way people count (`server-2` before `server-10`), without building a comparison per call.
 */
const collator = new Intl.Collator(undefined, { numeric: true });

/** Natural order of two names (equal strings skip the collator). */
export const natural = (x: string, y: string): number => (x === y ? 0 : collator.compare(x, y));

export type MemberCompare = (a: Member, b: Member) => number;

export const byText =
  (field: (m: Member) => string): MemberCompare =>
  (a, b) =>
    natural(field(a), field(b));
export const byName = byText((m) => m.name);
export const byRegion = byText((m) => m.region);
export const byDatacenter = byText((m) => m.datacenter);
/** Region, datacenter, name: how an operator scans a multi-region list, and every column sort's tie-break. */
export const byPlace: MemberCompare = (a, b) => byRegion(a, b) || byDatacenter(a, b) || byName(a, b);

/** The default order: most urgent status first, then region, datacenter and name. */
export const byDefaultOrder: MemberCompare = (a, b) =>
  MEMBER_URGENCY[a.status] - MEMBER_URGENCY[b.status] || byPlace(a, b);

/** The members in the default order (a new array; `members` is not changed). */
export function inDefaultOrder(members: readonly Member[]): Member[] {
  return [...members].sort(byDefaultOrder);
}

/**
 * The first `limit` members in the default order, without sorting them all: one pass keeping the `limit` first
 * ones met so far in order (most members compare once, against the last one kept).
 */
export function firstMembers(members: readonly Member[], limit: number): Member[] {
  const first: Member[] = [];
  if (limit < 1) return first;
  for (const member of members) {
    const last = first[first.length - 1];
    if (first.length === limit && last !== undefined) {
      if (byDefaultOrder(member, last) >= 0) continue;
      first.pop();
    }
    let low = 0;
    let high = first.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (byDefaultOrder(first[middle] as Member, member) <= 0) low = middle + 1;
      else high = middle;
    }
    first.splice(low, 0, member);
  }
  return first;
}
