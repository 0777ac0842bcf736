/**
 * Which member a name designates, one rule for the core's actions (force-leave) and the window. Types only from
 * nomad-domain.ts, so the window's first screen can use it without loading zod and the schemas.
 */
import type { Member } from './nomad-domain.js';

/**
 * The members a name designates: the one with that full serf name, else those with that short name (a command
 * or a notification may say `server-3` for `server-3.global`). Exactly one is a match; more is ambiguous.
 */
export function membersNamed(members: readonly Member[], name: string): Member[] {
  const exact = members.find((m) => m.name === name);
  return exact ? [exact] : members.filter((m) => m.shortName === name);
}
