/**
 * Member-name resolution for force-leave. Nomad needs the FULL serf name (`name.region`) and silently accepts
 * anything else, so names are checked against the current member list before Nomad is called.
 */
import type { Member } from '../../../common/nomad-domain.js';
import type { Result } from '../../../common/result.js';
import { err, ok } from '../../../common/result.js';
import type { EngineError } from './types.js';

/**
 * Finds the member a name designates: an exact full name, else a short name matching exactly one member.
 * Ambiguous and unknown names are refused with the candidates named.
 */
export function resolveMember(members: readonly Member[], input: string): Result<Member, EngineError> {
  const exact = members.find((m) => m.name === input);
  if (exact) return ok(exact);
  const byShort = members.filter((m) => m.shortName === input);
  if (byShort.length === 1 && byShort[0]) return ok(byShort[0]);
  if (byShort.length > 1) {
    const candidates = byShort.map((m) => m.name).sort();
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
