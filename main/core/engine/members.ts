/**
 * Member-name resolution for force-leave. Nomad needs the FULL serf name (`name.region`) and silently accepts
 * anything else, so names are checked against the current member list before Nomad is called.
 */
import { membersNamed } from '../../../common/member-names.js';
import type { Member } from '../../../common/nomad-domain.js';
import { err, ok, type Result } from '../../../common/result.js';
import type { EngineError } from './types.js';

/** The member a name designates (see membersNamed); ambiguous and unknown names are refused, candidates named. */
export function resolveMember(members: readonly Member[], input: string): Result<Member, EngineError> {
  const named = membersNamed(members, input);
  if (named.length === 1 && named[0]) return ok(named[0]);
  if (named.length > 1) {
    const candidates = named.map((m) => m.name).sort();
    return err({
      kind: 'ambiguous-member',
      message: `"${input}" matches ${candidates.length} members (${candidates.join(', ')}): give the full name`,
      candidates,
    });
  }
  const known = members.map((m) => m.name).sort();
  return err({
    kind: 'unknown-member',
    message: `"${input}" is not a current member${known.length > 0 ? ` (members: ${known.join(', ')})` : ''}`,
  });
}
