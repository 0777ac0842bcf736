/** What a force-leave would do, in words, before the operator confirms it. Pure. */
import { own } from '../../common/dict.js';
import type { Member, Quorum } from '../../common/domain.js';

/** The CLI equivalent, shown so the operator learns (and can audit) what the app will do. */
export function forceLeaveCommand(name: string, prune: boolean): string {
  return `nomad server force-leave${prune ? ' -prune' : ''} ${name}`;
}

/** True when Nomad counts this member among the region's raft voters. */
function isVoterServer(member: Member): boolean {
  return own(member.tags, 'role') === 'nomad' && member.voter;
}

/**
 * Lines describing the quorum effect of removing `member`, e.g.
 * "global: 2/3 servers alive; removing server-3 changes expected voters to 2 (quorum 2, can lose 0)".
 */
export function quorumEffect(member: Member, quorum: Quorum | undefined): string[] {
  if (!quorum) return [`${member.region}: quorum unknown (no server list from this region).`];
  const lines = [`${member.region}: ${quorum.alive}/${quorum.expected} servers alive.`];
  if (!isVoterServer(member))
    return [...lines, `${member.shortName} is not a voting server: quorum is unchanged.`];
  const expected = Math.max(0, quorum.expected - 1);
  const needed = Math.floor(expected / 2) + 1;
  const alive = member.status === 'alive' ? quorum.alive - 1 : quorum.alive;
  const canLose = alive - needed;
  const tail =
    canLose < 0
      ? 'quorum would be lost'
      : canLose === 0
        ? 'it then survives no further failure'
        : `it can then lose ${canLose}`;
  return [
    ...lines,
    `Removing ${member.shortName} changes expected voters to ${expected} (quorum ${needed}): ${tail}.`,
  ];
}

/** The warning that fits the member's status (force-leave is meant for failed members). */
export function statusWarning(member: Member): { level: 'info' | 'danger'; text: string } {
  switch (member.status) {
    case 'failed':
      return {
        level: 'info',
        text: `${member.name} is failed: force-leave moves it to left so it stops being retried.`,
      };
    case 'leaving':
    case 'left':
      return {
        level: 'info',
        text: `${member.name} is ${member.status}: with prune it is removed from the list now.`,
      };
    case 'alive':
      return {
        level: 'danger',
        text: `${member.name} is ALIVE. It will refute the leave and rejoin; use this only for a member you know is gone.`,
      };
    default:
      return { level: 'danger', text: `${member.name} reports status "${member.statusRaw}".` };
  }
}
