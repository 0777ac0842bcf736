/**
 * What one region's leader lookup says, in one place for the state table, the detector and the CLI's JSON:
 * a leader, no leader, or unknown. Nomad holds a leader-bound request for its RPC hold (5 s plus jitter) while
 * a region has no leader, so a lookup that timed out on an agent that answered the member list in the same poll
 * (lookups are only kept when it did) is evidence of no leader, not of an unreachable agent.
 */
import type { LeaderLookup, Member, NomadError } from '../../../common/nomad-domain.js';

export type LeaderVerdict =
  | { kind: 'leader'; address: string }
  /** `held`: the lookup was held past our timeout (Nomad's hold while leaderless) rather than answered. */
  | { kind: 'none'; held: boolean }
  | { kind: 'unknown'; error: NomadError };

/** The verdict of one lookup (see the module comment). */
export function leaderVerdict(lookup: LeaderLookup): LeaderVerdict {
  if (lookup.ok)
    return lookup.address === null
      ? { kind: 'none', held: false }
      : { kind: 'leader', address: lookup.address };
  if (lookup.error.kind === 'no-leader') return { kind: 'none', held: false };
  if (lookup.error.kind === 'timeout') return { kind: 'none', held: true };
  return { kind: 'unknown', error: lookup.error };
}

/** The leader's address a lookup names: null for no leader, undefined when unknown (or no lookup). */
export function leaderAddress(lookup: LeaderLookup | undefined): string | null | undefined {
  const v = lookup === undefined ? undefined : leaderVerdict(lookup);
  return v?.kind === 'leader' ? v.address : v?.kind === 'none' ? null : undefined;
}

/** "no leader in region R", saying when the evidence is a held lookup. */
export function noLeaderSentence(region: string, held: boolean): string {
  return held
    ? `no leader in region ${region} (the leader lookup was held past our timeout, as Nomad does while a region has no leader)`
    : `no leader in region ${region}`;
}

/** Addresses nobody can reach: an agent advertising these is misconfigured (`advertise` not set). */
const UNROUTABLE = new Set(['0.0.0.0', '::', '']);

/**
 * Anomalies in what the servers advertise, as plain sentences (sorted, one per region / problem): several
 * members match one region's leader address (they advertise the same RPC address), and members advertising an
 * unroutable address such as 0.0.0.0. Left members are ignored.
 */
export function advertiseAnomalies(members: readonly Member[]): string[] {
  const leadersByRegion = new Map<string, string[]>();
  const unroutable: string[] = [];
  for (const m of members) {
    if (m.status === 'left') continue;
    if (m.leader) leadersByRegion.set(m.region, [...(leadersByRegion.get(m.region) ?? []), m.name]);
    if (UNROUTABLE.has(m.address)) unroutable.push(m.name);
  }
  const out: string[] = [];
  for (const [region, names] of [...leadersByRegion.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (names.length < 2) continue;
    out.push(
      `${names.length} members claim leadership of region ${region} (${names.sort().join(', ')}): they advertise the same RPC address`,
    );
  }
  if (unroutable.length > 0) {
    out.push(
      `servers advertise an unroutable address (${unroutable.sort().join(', ')}): set Nomad's advertise addresses`,
    );
  }
  return out;
}
