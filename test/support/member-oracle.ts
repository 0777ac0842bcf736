/**
 * The straightforward member pipeline the client's one-pass answer is checked against: mark each region's
 * leader on copies (isLeader), then sort like `nomad server members` (compareMembers).
 */
import type { LeaderLookup, Member } from '../../common/nomad-domain.js';
import { isLeader } from '../../main/core/nomad/leader.js';
import { compareMembers } from '../../main/core/nomad/wire.js';

/** Marks leaders (isLeader) on copies of the members. */
export function markLeaders(
  members: readonly Member[],
  leaders: Readonly<Record<string, LeaderLookup>>,
): Member[] {
  return members.map((m) => ({ ...m, leader: isLeader(m, leaders) }));
}

/** Sorts like `nomad server members`: region, datacenter, then name (on a copy). */
export function sortMembers(members: Member[]): Member[] {
  return [...members].sort(compareMembers);
}
