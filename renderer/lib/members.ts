/** Member list logic for the table and the dialogs: ordering, filtering, differences. Pure. */
import type { Member } from '../../common/domain.js';

/** A member needs attention when it is anything but alive. */
export function isProblem(member: Member): boolean {
  return member.status !== 'alive';
}

/** One collator for every sort: the order `localeCompare` gives, without building a comparison per call. */
const collator = new Intl.Collator();

/** Sorted by region, datacenter, then name (how an operator scans a multi-region list). */
export function sortMembers(members: readonly Member[]): Member[] {
  const compare = collator.compare;
  return [...members].sort(
    (a, b) =>
      (a.region === b.region ? 0 : compare(a.region, b.region)) ||
      (a.datacenter === b.datacenter ? 0 : compare(a.datacenter, b.datacenter)) ||
      compare(a.name, b.name),
  );
}

/** Keeps members whose name, address, status, region, datacenter or build contains `text` (case-insensitive). */
export function filterMembers(members: readonly Member[], text: string, problemsOnly: boolean): Member[] {
  const needle = text.trim().toLowerCase();
  return members.filter((m) => {
    if (problemsOnly && !isProblem(m)) return false;
    if (needle === '') return true;
    return [m.name, m.address, m.statusRaw, m.region, m.datacenter, m.build].some((f) =>
      f.toLowerCase().includes(needle),
    );
  });
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

/** The known member a join target points at (same address, and same port when given), if any. */
export function memberAt(members: readonly Member[], host: string, port: number): Member | undefined {
  return members.find((m) => m.address === host && m.serfPort === port);
}

/**
 * The full serf name `name` designates: itself when listed, else the one member with that short name (a
 * notification may name `server-3` rather than `server-3.global`); null when none or ambiguous.
 */
export function resolveMemberName(members: readonly Member[], name: string | null): string | null {
  if (name === null) return null;
  if (members.some((m) => m.name === name)) return name;
  const short = members.filter((m) => m.shortName === name);
  return short.length === 1 && short[0] ? short[0].name : null;
}
