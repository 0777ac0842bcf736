/**
 * What a failed member read means when the agent did answer something. An agent that answered is never shown as
 * unreachable: a client agent whose client reaches no server, an old client agent that cannot list members, and
 * an agent whose health answers while its member list fails or hangs each get their own words. Read by the state
 * table (state.ts) and the detector (observe.ts), from structured fields only.
 */
import type { ClusterSnapshot } from '../../../common/domain.js';
import { meaningOf } from '../nomad/index.js';

/** Which rule below matched (`none`: no rule, nothing to add) and what to tell the user (null for `none`). */
export interface AgentAnswer {
  kind: 'no-servers' | 'not-a-server' | 'members-failed' | 'none';
  sentence: string | null;
}

const OWN_ROWS = new Set(['forbidden', 'tls']);
const NONE: AgentAnswer = { kind: 'none', sentence: null };

/** Classifies a snapshot's failed member read (first matching rule wins). */
export function agentAnswer(snapshot: ClusterSnapshot): AgentAnswer {
  const error = snapshot.error;
  // Forbidden, TLS and our own side's failures (settings, member cap, internal) have their own rows.
  if (error === null || OWN_ROWS.has(error.kind) || meaningOf(error).ours !== undefined) return NONE;
  // `501 Invalid method` on members: a client agent of Nomad ≤ 0.4, which cannot list members.
  if (error.kind === 'wrong-role') {
    return {
      kind: 'not-a-server',
      sentence:
        'the agent answers but is not a server (members unavailable on this version): add a server address',
    };
  }
  const client = snapshot.health?.client;
  if (error.kind === 'no-servers' || client?.ok === false) {
    const said =
      client !== undefined && !client.ok && client.message !== '' ? ` (health: ${client.message})` : '';
    return {
      kind: 'no-servers',
      sentence: `client has no servers: the agent answers, but its client reaches no Nomad server${said}`,
    };
  }
  if (snapshot.health !== null) {
    return {
      kind: 'members-failed',
      sentence: `the agent answers, but its member list failed: ${error.message}`,
    };
  }
  return NONE;
}
