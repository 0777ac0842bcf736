/**
 * Member-name resolution for force-leave. Nomad needs the FULL serf name (`name.region`) and silently accepts
 * anything else, so names are checked against the current member list before Nomad is called.
 */
import type { Member } from '../../../common/nomad-domain.js';
import type { Result } from '../../../common/result.js';
import { err, ok } from '../../../common/result.js';
import type { EngineError } from './types.js';

export interface ResolvedMember {
  member: Member;
  /** True when the input was a short name expanded to the member's full name. */
  expanded: boolean;
}

/**
 * Finds the member a name designates: an exact full name, else a short name matching exactly one member.
 * Ambiguous and unknown names are refused with the candidates named.
 */
export function resolveMember(
  members: readonly Member[],
  input: string,
): Result<ResolvedMember, EngineError> {
  const exact = members.find((m) => m.name === input);
  if (exact) return ok({ member: exact, expanded: false });
  const byShort = members.filter((m) => m.shortName === input);
  if (byShort.length === 1 && byShort[0]) return ok({ member: byShort[0], expanded: true });
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
