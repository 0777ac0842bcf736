/** Member list logic for the table and the dialogs: ordering, filtering, differences. Pure. */
import { membersNamed } from '../../common/member-names.js';
import type { Member, MemberStatus } from '../../common/nomad-domain.js';
import type { MemberCompare } from '../../common/member-order.js';
import {
  byDatacenter,
  byDefaultOrder,
  byName,
  byPlace,
  byRegion,
  byText,
  MEMBER_URGENCY,
} from '../../common/member-order.js';

/** A member needs attention when it is anything but alive. */
export function isProblem(member: Member): boolean {
  return member.status !== 'alive';
}

/** A column sort; `column: null` is the default order (problems first, then region, datacenter, name). */
export interface MemberSort {
  column: MemberColumn | null;
  descending: boolean;
}

export const DEFAULT_SORT: MemberSort = { column: null, descending: false };

const byStatus = byText((m) => m.statusRaw);
/** How each sortable column of the members table compares. */
const COLUMN = {
  name: byName,
  status: (a, b) => MEMBER_URGENCY[a.status] - MEMBER_URGENCY[b.status] || byStatus(a, b),
  leader: (a, b) => Number(b.leader) - Number(a.leader),
  address: byText((m) => m.address),
  port: (a, b) => a.serfPort - b.serfPort,
  region: byRegion,
  datacenter: byDatacenter,
  build: byText((m) => m.build),
} satisfies Record<string, MemberCompare>;
export type MemberColumn = keyof typeof COLUMN;

/**
 * The members in table order: the default order (common/member-order.ts), or by a column (ascending: A→Z, 1→9,
 * most urgent status first, leader first), ties broken by region, datacenter and name.
 */
export function sortMembers(members: readonly Member[], sort: MemberSort = DEFAULT_SORT): Member[] {
  const column = sort.column === null ? null : COLUMN[sort.column];
  const sign = sort.descending ? -1 : 1;
  const compare: MemberCompare =
    column === null ? byDefaultOrder : (a, b) => sign * column(a, b) || byPlace(a, b);
  return [...members].sort(compare);
}

/** The sort after clicking a column header: that column ascending, again descending, a third time default. */
export function nextSort(current: MemberSort, column: MemberColumn): MemberSort {
  if (current.column !== column) return { column, descending: false };
  return current.descending ? DEFAULT_SORT : { column, descending: true };
}

/** How many members are in each status, most urgent first, only statuses that occur. */
export function statusCounts(members: readonly Member[]): { status: MemberStatus; count: number }[] {
  const counts = new Map<MemberStatus, number>();
  for (const m of members) counts.set(m.status, (counts.get(m.status) ?? 0) + 1);
  return [...counts]
    .map(([status, count]) => ({ status, count }))
    .sort((a, b) => MEMBER_URGENCY[a.status] - MEMBER_URGENCY[b.status]);
}

/**
 * Each member's searched fields, lower-cased once per member and joined by a character no typed filter holds
 * (a list is replaced, never mutated: the next poll's members are new objects), so a keystroke makes one
 * substring search per member rather than lower-casing and searching 5,000 × 6 strings.
 */
const searched = new WeakMap<Member, string>();
function searchedText(m: Member): string {
  let text = searched.get(m);
  if (text === undefined) {
    text = [m.name, m.address, m.statusRaw, m.region, m.datacenter, m.build].join('\0').toLowerCase();
    searched.set(m, text);
  }
  return text;
}

/** Keeps members whose name, address, status, region, datacenter or build contains `text` (case-insensitive). */
export function filterMembers(members: readonly Member[], text: string, problemsOnly: boolean): Member[] {
  const needle = text.trim().toLowerCase().replaceAll('\0', '');
  if (needle === '' && !problemsOnly) return members as Member[];
  return members.filter(
    (m) => (!problemsOnly || isProblem(m)) && (needle === '' || searchedText(m).includes(needle)),
  );
}

export interface MemberDiff {
  added: Member[];
  removed: Member[];
  changed: { name: string; from: string; to: string }[];
}

/** What changed between two member lists, keyed by the full serf name. */
export function diffMembers(before: readonly Member[], after: readonly Member[]): MemberDiff {
  const old = new Map(before.map((m) => [m.name, m]));
  const now = new Map(after.map((m) => [m.name, m]));
  return {
    added: after.filter((m) => !old.has(m.name)),
    removed: before.filter((m) => !now.has(m.name)),
    changed: after.flatMap((m) => {
      const prev = old.get(m.name);
      return prev && prev.statusRaw !== m.statusRaw
        ? [{ name: m.name, from: prev.statusRaw, to: m.statusRaw }]
        : [];
    }),
  };
}

/** The full serf name `name` designates (see membersNamed); null when none or ambiguous. */
export function resolveMemberName(members: readonly Member[], name: string | null): string | null {
  const found = name === null ? [] : membersNamed(members, name);
  return found.length === 1 && found[0] ? found[0].name : null;
}
