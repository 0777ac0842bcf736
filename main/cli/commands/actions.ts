/** `join ADDR...` and `force-leave NODE [--prune]`: print what Nomad answered, then confirm by re-reading members. */
import type { Member } from '../../../common/nomad-domain.js';
import { parseJoinAddress } from '../../../common/addresses.js';
import { membersTable } from '../format.js';
import { reportAnswered, reportError, sentAddresses, type AgentCommand } from './agent.js';
import { EXIT } from '../../core/nomad/index.js';

/** Runs `join`: addresses are validated first (bad one → exit 64); exit 1 when nothing was joined. */
export const joinCommand: AgentCommand = async (args, id, monitor, io) => {
  const addresses = sentAddresses(args.positionals, parseJoinAddress, io);
  if (addresses === null) return EXIT.usage;
  const r = await monitor.join(id, addresses);
  if (!r.ok) return reportError(r.error, io);
  const { result, before, after } = reportAnswered(r.value, io);
  if (args.json) {
    io.out(
      JSON.stringify({
        joined: result.numJoined,
        error: result.error,
        warning: result.warning,
        members: after.map((m) => m.name),
      }),
    );
  } else {
    io.out(`Joined ${result.numJoined} server${result.numJoined === 1 ? '' : 's'}`);
    if (result.error.trim()) io.out(`Error from Nomad: ${result.error.trim()}`);
    if (result.warning.trim()) io.out(`Warning from Nomad: ${result.warning.trim()}`);
    const fresh = after.filter((m) => !before.some((b) => b.name === m.name)).map((m) => m.name);
    io.out(`Members now: ${after.length}${fresh.length > 0 ? ` (new: ${fresh.join(', ')})` : ''}`);
    io.out(membersTable(after));
  }
  return result.numJoined > 0 && !result.error.trim() ? EXIT.ok : EXIT.problem;
};

function describe(m: Member | null | undefined): string {
  if (m === undefined) return 'unknown (members not re-read)';
  return m === null ? 'no longer listed' : m.statusRaw;
}

/**
 * Runs `force-leave`: the engine refuses unknown and ambiguous names before calling Nomad (Nomad would answer
 * 200 and do nothing); a short name matching one member is expanded and the full name is printed.
 */
export const forceLeaveCommand: AgentCommand = async (args, id, monitor, io) => {
  const node = args.positionals[0] ?? '';
  const r = await monitor.forceLeave(id, node, { prune: args.prune, allowAlive: args.force });
  if (!r.ok && r.error.kind === 'member-alive') {
    io.err(`Refused: ${r.error.message}. Pass --force to do it anyway.`);
    return EXIT.problem;
  }
  if (!r.ok) return reportError(r.error, io);
  const { before, after, node: full } = reportAnswered(r.value, io);
  if (args.json) {
    io.out(
      JSON.stringify({
        node: full,
        before: before?.status ?? null,
        after: after === undefined ? null : (after?.status ?? 'gone'),
      }),
    );
    return EXIT.ok;
  }
  if (full !== node) io.out(`Using full member name ${full} for "${node}"`);
  io.out(`Nomad accepted force-leave of ${full}${args.prune ? ' (prune)' : ''}`);
  io.out(`${full}: ${before ? before.statusRaw : '?'} -> ${describe(after)}`);
  return EXIT.ok;
};
