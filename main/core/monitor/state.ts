/**
 * The state a cluster is shown in (tray icon, window badge), derived from its latest snapshot. Independent of
 * the debounced alert pipeline: the tray shows what the last poll saw.
 */
import type { ClusterSnapshot, ClusterStateKind, Quorum } from '../../../common/domain.js';
import type { Member, NomadError } from '../../../common/nomad-domain.js';
import { agentAnswer } from './agent-answer.js';
import { formatDuration, ownSideSentence, tlsSentence } from './detect-text.js';
import { advertiseAnomalies, leaderVerdict, noLeaderSentence } from './leadership.js';
import { nodeReasons } from './node-reasons.js';
import { describeQuorum, quorumByRegion, quorumLevel } from './quorum.js';

/** Inputs of clusterState(); time comes in (`now`), nothing is read from the clock. */
export interface ClusterStateInput {
  /** The latest poll, null before the first one. */
  snapshot: ClusterSnapshot | null;
  /** The latest poll that succeeded (for "last good poll" wording and last-known quorum). */
  lastGood: ClusterSnapshot | null;
  now: number;
  intervalMs: number;
  staleAfterIntervals: number;
  paused: boolean;
}

export interface ClusterStateResult {
  state: ClusterStateKind;
  /** Plain sentences naming members and regions; empty when healthy. */
  reasons: string[];
  /** From the latest snapshot's members, else the last good one's (last known), else empty. */
  quorum: Record<string, Quorum>;
}

/**
 * Works out a cluster's state. First matching row wins:
 *
 * | # | condition                                                                   | state        |
 * |---|-----------------------------------------------------------------------------|--------------|
 * | 1 | monitoring paused                                                           | paused       |
 * | 2 | no snapshot yet                                                             | unknown      |
 * | 3 | last poll failed with `forbidden` (403)                                     | forbidden    |
 * | 4 | last poll failed with `tls`                                                 | tls-error    |
 * | 4b| last poll failed on our side: `config` (settings, TLS or token file),       |              |
 * |   | `too-many-members`, `internal` (detect-text.ts OWN_SIDE)                    | error        |
 * | 4c| members answered 501: not a server (members unavailable on this version)    | unknown      |
 * | 4d| the agent answers but its client has no servers (health client not ok, or   |              |
 * |   | `500 no servers`), whatever members did (500, or blocked until timeout)     | degraded     |
 * | 4e| health answered but the member list failed or timed out another way         | degraded     |
 * | 5 | last poll failed any other way (or read no member list)                     | unreachable  |
 * | 6 | last poll older than staleAfterIntervals × intervalMs                       | stale        |
 * | 7 | a region with a non-left server has no leader (leaderVerdict `none`: lookup  |              |
 * |   | ok with null address, error `no-leader`, or held past our timeout), or lost |              |
 * |   | quorum (canLose < 0), or has zero margin although designed with margin      |              |
 * |   | (expected ≥ 3 and canLose ≤ 0)                                              | critical     |
 * | 8 | a failed server; a checked health role not ok; a leader lookup that failed  |              |
 * |   | another way (leader unknown); different `build` among alive servers;        |              |
 * |   | several members claiming one region's leadership; unroutable advertise;     |              |
 * |   | servers disagreeing longer than gossip converges (consistency.ts); client    |              |
 * |   | nodes not visible (node watcher failing), or down / disconnected            | degraded     |
 * | 9 | otherwise                                                                   | healthy      |
 *
 * A failed poll is never `healthy` (rows 3-5 come before anything that reads members), and an agent that
 * answered is never `unreachable` (rows 4c-4e, agent-answer.ts). Reasons list every critical finding, then every
 * degraded one.
 */
export function clusterState(input: ClusterStateInput): ClusterStateResult {
  const { snapshot, lastGood } = input;
  const quorum = quorumByRegion(snapshot?.members ?? lastGood?.members ?? []);
  if (input.paused) return { state: 'paused', reasons: ['monitoring is paused'], quorum };
  if (snapshot === null) return { state: 'unknown', reasons: ['not polled yet'], quorum };

  const failed = failedPollState(snapshot, input);
  if (failed !== null) return { ...failed, quorum };

  const age = input.now - snapshot.time;
  if (age > input.staleAfterIntervals * input.intervalMs) {
    const reason = `last poll was ${formatDuration(age)} ago (polling every ${formatDuration(input.intervalMs)})`;
    return { state: 'stale', reasons: [reason], quorum };
  }

  const members = snapshot.members ?? [];
  const regions = liveRegions(members);
  const critical = criticalReasons(snapshot, regions, quorum);
  const degraded = degradedReasons(snapshot, members, regions);
  const reasons = [...critical, ...degraded];
  if (critical.length > 0) return { state: 'critical', reasons, quorum };
  if (degraded.length > 0) return { state: 'degraded', reasons, quorum };
  return { state: 'healthy', reasons, quorum };
}

/**
 * The worst of several states (what the tray icon shows for all clusters together); no states → 'unknown'.
 * Defined in common/state-rank.ts, shared with the tray and the window title; re-exported for the core's API.
 */
export { worstState } from '../../../common/state-rank.js';

/**
 * What a 403 says about the token, from the token check's structured verdict: no token set, or one that lacks
 * the call's capability, is never worded as a refused token.
 */
function forbiddenWords(error: NomadError): string {
  if (error.aclReason === 'no-token') return 'no ACL token set';
  if (error.aclReason === 'lacks-capability')
    return `the ACL token lacks ${error.capability ?? 'a capability the call needs'}`;
  return 'the ACL token was refused';
}

/** Rows 3-5: the last poll failed. */
function failedPollState(
  snapshot: ClusterSnapshot,
  input: ClusterStateInput,
): { state: ClusterStateKind; reasons: string[] } | null {
  const error = snapshot.error;
  if (error === null && snapshot.reachable && snapshot.members !== null) return null;
  const since =
    input.lastGood === null
      ? 'no successful poll yet'
      : `last successful poll ${formatDuration(input.now - input.lastGood.time)} ago`;
  if (error === null) return { state: 'unreachable', reasons: ['the member list could not be read', since] };
  if (error.kind === 'forbidden') {
    return { state: 'forbidden', reasons: [`${forbiddenWords(error)} (${error.status ?? 403})`, since] };
  }
  if (error.kind === 'tls') return { state: 'tls-error', reasons: [`TLS: ${tlsSentence(error)}`, since] };
  const ownSide = ownSideSentence(error);
  if (ownSide !== null) return { state: 'error', reasons: [ownSide, since] };
  const answer = agentAnswer(snapshot);
  if (answer.sentence !== null) {
    return {
      state: answer.kind === 'not-a-server' ? 'unknown' : 'degraded',
      reasons: [answer.sentence, since],
    };
  }
  return { state: 'unreachable', reasons: [`agent unreachable: ${error.message}`, since] };
}

/** Regions that still have a server that has not left. */
function liveRegions(members: readonly Member[]): Set<string> {
  const regions = new Set<string>();
  for (const m of members) if (m.status !== 'left') regions.add(m.region);
  return regions;
}

/** Row 7: missing leader, quorum lost or at zero margin. */
function criticalReasons(
  snapshot: ClusterSnapshot,
  regions: ReadonlySet<string>,
  quorum: Record<string, Quorum>,
): string[] {
  const reasons: string[] = [];
  for (const [region, lookup] of sortedEntries(snapshot.leaders)) {
    if (!regions.has(region)) continue;
    const verdict = leaderVerdict(lookup);
    if (verdict.kind === 'none') reasons.push(noLeaderSentence(region, verdict.held));
  }
  for (const [region, q] of sortedEntries(quorum)) {
    if (quorumLevel(q) !== 'safe') reasons.push(describeQuorum(region, q));
  }
  return reasons;
}

/** Row 8: failed servers, failing health, unknown leader, version skew. */
function degradedReasons(
  snapshot: ClusterSnapshot,
  members: readonly Member[],
  regions: ReadonlySet<string>,
): string[] {
  const reasons: string[] = [];
  // Only the failed members are sorted (a stable sort of the subset: same order as sorting everyone first).
  const failed = members.filter((m) => m.status === 'failed');
  for (const m of failed.sort((a, b) => a.name.localeCompare(b.name))) reasons.push(`${m.name} failed`);
  for (const role of ['server', 'client'] as const) {
    const check = snapshot.health?.[role];
    if (check !== undefined && !check.ok) reasons.push(`${role} health check failing: ${check.message}`);
  }
  for (const [region, lookup] of sortedEntries(snapshot.leaders)) {
    if (!regions.has(region)) continue;
    const verdict = leaderVerdict(lookup);
    if (verdict.kind === 'unknown')
      reasons.push(`leader of region ${region} unknown: ${verdict.error.message}`);
  }
  const skew = versionSkew(members);
  if (skew !== null) reasons.push(skew);
  reasons.push(...advertiseAnomalies(members));
  reasons.push(...(snapshot.disagreements ?? []));
  reasons.push(...nodeReasons(snapshot.nodes));
  return reasons;
}

/** "version skew: 1.9.3 on a, b; 1.10.0 on c" when alive servers run different builds, else null. */
function versionSkew(members: readonly Member[]): string | null {
  // Cheap first pass: the lists of names are built only when there IS a skew (rare), not on every poll.
  let first: string | null = null;
  let skewed = false;
  for (const m of members) {
    if (m.status !== 'alive' || m.build === '') continue;
    if (first === null) first = m.build;
    else if (m.build !== first) {
      skewed = true;
      break;
    }
  }
  if (!skewed) return null;
  const byBuild = new Map<string, string[]>();
  for (const m of members) {
    if (m.status !== 'alive' || m.build === '') continue;
    const names = byBuild.get(m.build);
    if (names === undefined) byBuild.set(m.build, [m.name]);
    else names.push(m.name);
  }
  if (byBuild.size < 2) return null;
  const parts = [...byBuild.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([build, names]) => `${build} on ${names.sort().join(', ')}`);
  return `version skew: ${parts.join('; ')}`;
}

function sortedEntries<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
