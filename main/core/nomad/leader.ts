/**
 * Leader per region, computed like `nomad server members` (Nomad's command/server_members.go): ask
 * `/v1/status/leader?region=R` for each region with a non-left member, concurrently, and mark the member
 * whose `JoinHostPort(Addr, Tags.port)` equals that answer. One region's failure never fails the list.
 */
import { own, putOwn } from '../../../common/dict.js';
import type { LeaderLookup, Member, NomadError } from '../../../common/nomad-domain.js';
import type { Result } from '../../../common/result.js';
import { fetchJson, type Transport } from './request.js';
import { LeaderSchema } from './wire.js';

/** `/v1/status/leader` for one region (or the client's default region when `region` is undefined). */
export function fetchLeader(
  t: Transport,
  region?: string,
  signal?: AbortSignal,
): Promise<Result<string | null, NomadError>> {
  const query: Array<[string, string]> = region !== undefined && region !== '' ? [['region', region]] : [];
  return fetchJson(t, 'GET', '/v1/status/leader', query, LeaderSchema, signal);
}

/** Looks up every region's leader concurrently; each failure is kept as `{ok:false,error}` for its region. */
export async function fetchLeaders(
  t: Transport,
  regions: readonly string[],
  signal?: AbortSignal,
): Promise<Record<string, LeaderLookup>> {
  const answers = await Promise.all(
    [...new Set(regions)].map(async (region) => [region, await fetchLeader(t, region, signal)] as const),
  );
  const out: Record<string, LeaderLookup> = {};
  for (const [region, a] of answers)
    putOwn(out, region, a.ok ? { ok: true, address: a.value } : { ok: false, error: a.error });
  return out;
}

/** Regions whose leader should be asked: distinct non-empty regions of members that have not left. */
export function regionsToAsk(members: readonly Member[]): string[] {
  // One pass, no intermediate arrays (filter, map, spread) per poll.
  const seen = new Set<string>();
  for (const m of members) if (m.statusRaw !== 'left' && m.region !== '') seen.add(m.region);
  return Array.from(seen).sort();
}

/** A member leads when its rpcAddr equals its region's leader address (from an ok lookup). */
export function isLeader(m: Member, leaders: Readonly<Record<string, LeaderLookup>>): boolean {
  const lookup = own(leaders, m.region);
  return lookup?.ok === true && lookup.address !== null && m.rpcAddr !== null && m.rpcAddr === lookup.address;
}
