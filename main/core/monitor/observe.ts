/**
 * First step of the detector: reduce a poll's snapshot to the keys the debouncer (detector.ts) tracks.
 */
import { putOwn } from '../../../common/dict.js';
import type { ClusterSnapshot } from '../../../common/domain.js';
import type { NomadErrorKind } from '../../../common/nomad-domain.js';
import { meaningOf } from '../nomad/index.js';
import { agentAnswer } from './agent-answer.js';
import { errorDetail } from './detect-text.js';
import { leaderAddress } from './leadership.js';
import { quorumByRegion } from './quorum.js';
import type { Observation, Reachability } from './types.js';

/** Maps a failed poll's error kind to how the agent answered (null error → ok; outages → unreachable). */
function reachabilityOf(kind: NomadErrorKind | null): Reachability {
  if (kind === null) return 'ok';
  if (kind === 'forbidden' || kind === 'tls') return kind;
  return meaningOf({ kind }).outage ? 'unreachable' : 'error';
}

/**
 * What one snapshot says, reduced to debounce keys: reachability (from the error kind; a snapshot without
 * error that still read no member list counts as unreachable), the member list as it is (null when it was
 * not read; confirm() reads each member's name and status), leaders (leaderVerdict: a leader's address, null for
 * no leader, unknown ones left out this poll), health per checked role, and quorum per region.
 */
export function observe(snapshot: ClusterSnapshot): Observation {
  const error = snapshot.error;
  let reachability = reachabilityOf(error?.kind ?? null);
  if (reachability === 'ok' && (!snapshot.reachable || snapshot.members === null))
    reachability = 'unreachable';
  // An agent that answered is never unreachable: say what it is (agent-answer.ts).
  const answer = agentAnswer(snapshot);
  if (answer.sentence !== null) reachability = 'error';

  const leaders: Record<string, string | null> = {};
  for (const [region, lookup] of Object.entries(snapshot.leaders)) {
    const address = leaderAddress(lookup);
    if (address !== undefined) putOwn(leaders, region, address);
  }

  const health: Observation['health'] = {};
  const server = snapshot.health?.server;
  const client = snapshot.health?.client;
  if (server !== undefined) health.server = server.ok;
  if (client !== undefined) health.client = client.ok;

  return {
    time: snapshot.time,
    reachability,
    errorKind: error?.kind ?? null,
    errorMessage:
      answer.sentence ??
      error?.message ??
      (reachability === 'ok' ? null : 'the member list could not be read'),
    errorDetail: error === null ? null : errorDetail(error),
    errorAcl:
      error?.kind === 'forbidden' ? { aclReason: error.aclReason, capability: error.capability } : null,
    members: snapshot.members,
    leaders,
    health,
    quorum: quorumByRegion(snapshot.members ?? []),
  };
}
