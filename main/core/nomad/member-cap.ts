/**
 * The member cap: Nomad Tray watches at most MAX_MEMBERS gossip members per cluster. Nomad's gossip pool holds the
 * servers of every federated region (typically 3 or 5 per region), so 10,000 is far beyond any real cluster; a
 * longer list is a broken or hostile agent, and processing it would cost memory and CPU for nothing. Such an
 * answer is a `too-many-members` error (the cluster shows the `error` state saying so), not a member list.
 * The response size cap (options.ts, 4 MiB) bounds the body before this count is even taken.
 */
import type { NomadError } from '../../../common/nomad-domain.js';

export const MAX_MEMBERS = 10_000;

/** The error for a member list of `count` members when that is over the cap; null otherwise. */
export function memberCapError(count: number): NomadError | null {
  if (count <= MAX_MEMBERS) return null;
  return {
    kind: 'too-many-members',
    message: `the agent lists ${count.toLocaleString('en-US')} gossip members; Nomad Tray watches at most ${MAX_MEMBERS.toLocaleString('en-US')} per cluster`,
  };
}
