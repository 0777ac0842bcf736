/** What a force-leave would do, in words, before the operator confirms it. Pure. */
import { pairValue } from '../../common/dict.js';
import type { Quorum } from '../../common/domain.js';
import type { Member } from '../../common/nomad-domain.js';
import { quorumSize } from '../../common/quorum-text.js';

/** The CLI equivalent, shown so the operator learns (and can audit) what the app will do. */
export function forceLeaveCommand(name: string, prune: boolean): string {
  return `nomad server force-leave${prune ? ' -prune' : ''} ${name}`;
}

/** True when Nomad counts this member among the region's raft voters. */
function isVoterServer(member: Member): boolean {
  return pairValue(member.tags, 'role') === 'nomad' && member.voter;
}

/** The quorum effect of removing `member`: plain lines, and the worst case said apart (it goes in the red box). */
export interface QuorumEffect {
  lines: string[];
  /** "Removing server-1 … quorum would be lost." when it would, else null. */
  worst: string | null;
}

/**
 * The quorum effect of removing `member`, e.g. lines ["global: 2/3 servers alive."] and, when removing it
 * leaves fewer alive voters than the new quorum, worst = "Removing server-3 changes expected voters to 2
 * (quorum 2): quorum would be lost."
 */
export function quorumEffect(member: Member, quorum: Quorum | undefined): QuorumEffect {
  if (!quorum)
    return { lines: [`${member.region}: quorum unknown (no server list from this region).`], worst: null };
  const lines = [`${member.region}: ${quorum.alive}/${quorum.expected} servers alive.`];
  if (!isVoterServer(member))
    return {
      lines: [...lines, `${member.shortName} is not a voting server: quorum is unchanged.`],
      worst: null,
    };
  const expected = Math.max(0, quorum.expected - 1);
  const needed = quorumSize(expected);
  const alive = member.status === 'alive' ? quorum.alive - 1 : quorum.alive;
  const canLose = alive - needed;
  const head = `Removing ${member.shortName} changes expected voters to ${expected} (quorum ${needed})`;
  if (canLose < 0) return { lines, worst: `${head}: quorum would be lost.` };
  const tail = canLose === 0 ? 'it then survives no further failure' : `it can then lose ${canLose}`;
  return { lines: [...lines, `${head}: ${tail}.`], worst: null };
}

/**
 * The warning that fits the member's status (force-leave is meant for failed members), and says so when the
 * member is its region's leader: removing the leader forces an election.
 */
export function statusWarning(member: Member): { level: 'info' | 'danger'; text: string } {
  const leader = member.leader
    ? ` It is the LEADER of region ${member.region}: the servers must elect a new one, and writes stop until they do.`
    : '';
  switch (member.status) {
    case 'failed':
      return {
        level: member.leader ? 'danger' : 'info',
        text: `${member.name} is failed: force-leave moves it to left so it stops being retried.${leader}`,
      };
    case 'leaving':
    case 'left':
      return {
        level: member.leader ? 'danger' : 'info',
        text: `${member.name} is ${member.status}: with prune it is removed from the list now.${leader}`,
      };
    case 'alive':
      return {
        level: 'danger',
        text: `${member.name} is ALIVE.${leader} It will refute the leave and rejoin; use this only for a member you know is gone.`,
      };
    default:
      return { level: 'danger', text: `${member.name} reports status "${member.statusRaw}".${leader}` };
  }
}

/**
 * A hint while the typed confirmation is not the exact full name but clearly means this member (its short
 * name, other letter case): the button stays disabled, and this says why. Null otherwise.
 */
export function confirmHint(member: Member, typed: string): string | null {
  const text = typed.trim();
  if (text === '' || text === member.name) return null;
  if (text === member.shortName)
    return `Type the full name, with its region: ${member.name} (the short name could match another region's member).`;
  if (text.toLowerCase() === member.name.toLowerCase())
    return `Names are case-sensitive: type exactly ${member.name}.`;
  return member.name.startsWith(text) ? null : `That is not ${member.name}.`;
}
