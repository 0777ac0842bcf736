/**
 * Builds one ClusterSnapshot from one agent: `/v1/agent/health` and `/v1/agent/members` (which includes the
 * leader lookups) run concurrently; `/v1/agent/self` is refreshed only when the answering agent changed or
 * the cached copy is older than `selfEveryMs` (it is big and changes rarely).
 * Reachability and the error come from the members call: a health 500 is a value, not an outage.
 */
import type { ClusterSnapshot } from '../../../common/domain.js';
import type { AgentSelf, NomadError } from '../../../common/nomad-domain.js';
import { meaningOf, roleOf, type NomadClient } from '../nomad/index.js';

/** The last `/v1/agent/self` answer and where/when it was read. */
export interface SelfCache {
  address: string;
  fetchedAt: number;
  self: AgentSelf;
}

/** `/v1/agent/self` is re-read when the cached copy is older than this. */
const SELF_EVERY_MS = 5 * 60_000;

/** One poll of one agent (`now` is stamped on the snapshot), plus the next self cache. Never throws. */
export async function pollCluster(
  client: NomadClient,
  options: { clusterId: string; now: number; lastSelf: SelfCache | null; signal?: AbortSignal },
): Promise<{ snapshot: ClusterSnapshot; selfCache: SelfCache | null }> {
  const { clusterId, now, lastSelf, signal } = options;
  const cacheValid =
    lastSelf !== null && lastSelf.address === client.address && now - lastSelf.fetchedAt < SELF_EVERY_MS;

  const [health, members, freshSelf] = await Promise.all([
    client.health(signal),
    client.members(signal),
    cacheValid ? Promise.resolve(null) : client.self(signal),
  ]);

  let selfCache: SelfCache | null = cacheValid ? lastSelf : null;
  if (freshSelf?.ok) selfCache = { address: client.address, fetchedAt: now, self: freshSelf.value };
  else if (freshSelf && !freshSelf.ok && lastSelf?.address === client.address) selfCache = lastSelf;

  const healthValue = health.ok ? health.value : null;
  const self = selfCache?.self ?? null;
  const error = members.ok ? null : members.error;
  const snapshot: ClusterSnapshot = {
    clusterId,
    time: now,
    address: client.address,
    reachable: error === null || meaningOf(error).answered,
    error,
    health: healthValue,
    members: members.ok ? members.value.members : null,
    leaders: members.ok ? members.value.leaders : {},
    // From the self answer, else from which health checks the agent reported.
    agentRole: self?.role ?? (healthValue ? roleOf(!!healthValue.server, !!healthValue.client) : null),
    self,
  };
  return { snapshot, selfCache };
}

/** What went wrong, in one line, for any thrown value (String() itself throws for prototype-less objects). */
export function thrownText(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return Object.prototype.toString.call(error);
  }
}

/**
 * The snapshot of a round in which Nomad Tray itself threw (a bug, never the agent's fault): an `internal` error,
 * so the cluster shows the `error` state with the reason instead of the last answer, and polling goes on.
 */
export function internalErrorSnapshot(
  base: Pick<ClusterSnapshot, 'clusterId' | 'address' | 'time'>,
  error: unknown,
): ClusterSnapshot {
  return configErrorSnapshot(base.clusterId, base.address, base.time, {
    kind: 'internal',
    message: `Nomad Tray failed while reading this poll (${thrownText(error)}); it keeps polling`,
  });
}

/** A snapshot for an address that could not even get a client (bad options): a `config` error value. */
export function configErrorSnapshot(
  clusterId: string,
  address: string,
  now: number,
  error: NomadError,
): ClusterSnapshot {
  return {
    clusterId,
    time: now,
    address,
    reachable: false,
    error,
    health: null,
    members: null,
    leaders: {},
    agentRole: null,
    self: null,
  };
}
