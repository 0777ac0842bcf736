/**
 * The one wording of a region's quorum margin, shared by the CLI, the tray menu and the window: "can lose N"
 * while the region has quorum, "quorum lost (needs N)" once it has not (never "can lose -1").
 */
import type { Quorum } from './domain.js';

/** "can lose 1" / "can lose 0" / "quorum lost (needs 2)". */
export function quorumMargin(q: Quorum): string {
  if (q.canLose >= 0) return `can lose ${q.canLose}`;
  return `quorum lost (needs ${Math.floor(q.expected / 2) + 1})`;
}
