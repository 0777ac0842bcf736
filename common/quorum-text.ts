/**
 * The one wording of a region's quorum margin, shared by the CLI, the tray menu and the window: "can lose N"
 * while the region has quorum, "quorum lost (needs N)" once it has not (never "can lose -1"); and the one short
 * line of a cluster's servers the tray menu and the glance show. Also raft's quorum size, for every consumer.
 */
import type { Quorum } from './domain.js';

/** The votes a region needs to keep a leader: a majority of its expected voters (raft). */
export function quorumSize(expected: number): number {
  return Math.floor(expected / 2) + 1;
}

/** "can lose 1" / "can lose 0" / "quorum lost (needs 2)". */
export function quorumMargin(q: Quorum): string {
  if (q.canLose >= 0) return `can lose ${q.canLose}`;
  return `quorum lost (needs ${quorumSize(q.expected)})`;
}

/**
 * "2/3 servers · can lose 0", each region prefixed by its name when the cluster spans several (in region order):
 * the tray menu's and the glance's servers line ('' without quorum figures).
 */
export function quorumLine(quorum: ReadonlyArray<readonly [string, Quorum]>): string {
  const several = quorum.length > 1;
  return [...quorum]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([region, q]) => `${several ? `${region} ` : ''}${q.alive}/${q.expected} servers · ${quorumMargin(q)}`,
    )
    .join(' · ');
}
