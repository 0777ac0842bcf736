/**
 * Raft quorum per region, worked out from the gossip member list alone (no extra API call).
 */
import { putOwn } from '../../../common/dict.js';
import type { Quorum } from '../../../common/domain.js';
import type { Member } from '../../../common/nomad-domain.js';
import { quorumSize } from '../../../common/quorum-text.js';

type RegionTally = { allLeft: boolean; nonLeftVoters: number; expectTag: number; alive: number };

/**
 * Quorum of every region that still has a non-left server.
 *
 * Rule, per region (members of `/v1/agent/members` are all servers):
 * - voters = members with `voter` true (Enterprise non-voters never count);
 * - expected = the larger of the `expect` tag (bootstrap_expect, max across the region's members) and the number
 *   of voters that are not `left`. Without an `expect` tag it is the non-left voter count. A `left` server has
 *   been removed from the raft configuration, a `failed` one has not, so failed servers still count as expected.
 *   (Taking the larger value keeps a 5-server region started with bootstrap_expect=3 at a quorum of 3, like raft.)
 * - quorum size = floor(expected / 2) + 1 (quorumSize);
 * - alive = voters whose status is `alive`;
 * - canLose = alive − quorum size: how many more voters may fail; negative means quorum is already lost.
 *
 * Regions whose members have all left, or that have neither voters nor an `expect` tag, are omitted: there is
 * nothing to count.
 */
export function quorumByRegion(members: readonly Member[]): Record<string, Quorum> {
  // One pass with per-region counters (no per-region lists, no argument spreading): linear in members.
  // expectTag: the largest `expect` tag seen (0 without any); alive: voters whose status is alive.
  const byRegion = new Map<string, RegionTally>();
  for (const m of members) {
    let t = byRegion.get(m.region);
    if (t === undefined) {
      t = { allLeft: true, nonLeftVoters: 0, expectTag: 0, alive: 0 };
      byRegion.set(m.region, t);
    }
    if (m.status !== 'left') t.allLeft = false;
    t.expectTag = Math.max(t.expectTag, m.expect ?? 0);
    if (!m.voter) continue;
    if (m.status !== 'left') t.nonLeftVoters += 1;
    if (m.status === 'alive') t.alive += 1;
  }
  const out: Record<string, Quorum> = {};
  for (const region of [...byRegion.keys()].sort()) {
    const t = byRegion.get(region);
    if (t === undefined || t.allLeft) continue;
    const expected = Math.max(t.expectTag, t.nonLeftVoters);
    if (expected === 0) continue;
    putOwn(out, region, { alive: t.alive, expected, canLose: t.alive - quorumSize(expected) });
  }
  return out;
}

/**
 * Classifies a region's quorum: `lost` when canLose < 0; `at-risk` when a region designed with margin
 * (expected ≥ 3) has none left (canLose ≤ 0); otherwise `safe` (a 1- or 2-server region never had margin).
 */
export function quorumLevel(q: Quorum): 'safe' | 'at-risk' | 'lost' {
  if (q.canLose < 0) return 'lost';
  if (q.expected >= 3 && q.canLose <= 0) return 'at-risk';
  return 'safe';
}

/** Plain sentence for a region's quorum ("quorum in global: 2/3 alive, can lose 0"). */
export function describeQuorum(region: string, q: Quorum): string {
  if (q.canLose < 0)
    return `quorum lost in ${region}: ${q.alive}/${q.expected} alive, needs ${quorumSize(q.expected)}`;
  return `quorum in ${region}: ${q.alive}/${q.expected} alive, can lose ${q.canLose}`;
}
