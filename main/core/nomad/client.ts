/**
 * createNomadClient: one undici Agent per cluster (never the global dispatcher) and one function per agent
 * endpoint (Nomad HTTP API docs: /v1/agent, /v1/status, /v1/regions, /v1/operator, /v1/nodes). Every call
 * resolves to a Result; nothing throws.
 */
import { own, putOwn } from '../../../common/dict.js';
import { Agent } from 'undici';
import type { LeaderLookup, MembersView, NomadError } from '../../../common/nomad-domain.js';
import { err, ok, type Result } from '../../../common/result.js';
import { recordingConnector } from './connector.js';
import { fromHttpStatus } from './errors.js';
import { fetchLeader, fetchLeaders, isLeader, regionsToAsk } from './leader.js';
import { resolveOptions } from './options.js';
import { fetchJson, parseJson, send, sendOk, type Transport } from './request.js';
import { headersOf, type Query } from './request-target.js';
import { loadTlsOptions } from './tls.js';
import type { z } from 'zod';
import type { NomadClient, NomadClientOptions, NomadResult } from './types.js';
import {
  AutopilotSchema,
  compareMembers,
  HealthSchema,
  JoinSchema,
  MembersSchema,
  StringListSchema,
} from './wire.js';
import { memberCapError } from './member-cap.js';
import { fetchNodes } from './nodes.js';
import { RawSelfSchema, toAgentSelf } from './wire-self.js';

/** A PUT whose success is an empty 200 (force-leave, set-servers). */
async function putEmpty(t: Transport, path: string, query: Query, signal?: AbortSignal): NomadResult<void> {
  const res = await sendOk(t, 'PUT', path, query, signal);
  return res.ok ? ok(undefined) : res;
}

/** The query of a request without parameters (one shared empty list instead of one per request). */
const NO_QUERY: Query = [];

/** What a client remembers between members() calls: the regions the last good member list had. */
interface MembersHint {
  regions: string[] | null;
}

/**
 * The member list plus each region's leader. The leader lookups for the regions of the previous good answer start
 * together with the member list (one round trip per poll instead of two); once the list is in, the regions are
 * checked: a region guessed right keeps its answer, a new one is asked now, a gone one is dropped. The result is
 * the same as asking after the list, within the same poll.
 */
async function members(t: Transport, hint: MembersHint, signal?: AbortSignal): NomadResult<MembersView> {
  const guess = hint.regions;
  const early = guess !== null && guess.length > 0 ? fetchLeaders(t, guess, signal) : null;
  // No guessing after a failed list (an unreachable agent gets one request per poll, not one per region).
  const giveUp = (error: NomadError): Result<never, NomadError> => {
    hint.regions = null;
    void early?.catch(() => undefined);
    return err(error);
  };
  const raw = await fetchJson(t, 'GET', '/v1/agent/members', NO_QUERY, MembersSchema, signal);
  if (!raw.ok) return giveUp(raw.error);
  // Members made by this call (validated and mapped by the schema): sorted and marked in place.
  const list = raw.value.Members;
  const capped = memberCapError(list.length);
  if (capped !== null) return giveUp(capped);
  const regions = regionsToAsk(list);
  hint.regions = regions;
  const guessed = early === null ? {} : await early;
  const missing = regions.filter((r) => !Object.hasOwn(guessed, r));
  const asked = missing.length > 0 ? await fetchLeaders(t, missing, signal) : {};
  const leaders: Record<string, LeaderLookup> = {};
  for (const r of regions) {
    const lookup = own(guessed, r) ?? own(asked, r);
    if (lookup !== undefined) putOwn(leaders, r, lookup);
  }
  for (const m of list) m.leader = isLeader(m, leaders);
  return ok({
    serverName: raw.value.ServerName,
    serverRegion: raw.value.ServerRegion,
    serverDc: raw.value.ServerDC,
    members: list.sort(compareMembers),
    leaders,
  });
}

/**
 * An endpoint whose failure status also carries its JSON body: health (500, labelled text/plain) and autopilot
 * (429 unhealthy). 200 and that status are both values; any other answer, or that status without the body, is an error.
 */
async function bodyOnStatus<T>(
  t: Transport,
  path: string,
  schema: z.ZodType<T>,
  alsoStatus: number,
  signal?: AbortSignal,
): NomadResult<T> {
  const res = await send(t, 'GET', path, NO_QUERY, signal);
  if (!res.ok) return res;
  const { status } = res.value;
  if (status === 200 || status === alsoStatus) {
    const parsed = parseJson(res.value, schema, `GET ${path}`);
    if (parsed.ok || status === 200) return parsed;
  }
  return err(fromHttpStatus(status, res.value.text, res.value.location));
}

const SelfSchema = RawSelfSchema.transform(toAgentSelf);

const addressParams = (addresses: readonly string[]): Array<[string, string]> =>
  addresses.map((a) => ['address', a]);

/**
 * Validates options, loads TLS material and returns a client with its own undici Agent. Bad options
 * (scheme, URL, cert without key, unreadable CA) are a 'config' error; no request is made here.
 */
export async function createNomadClient(
  options: NomadClientOptions,
): Promise<Result<NomadClient, NomadError>> {
  const resolved = resolveOptions(options);
  if (!resolved.ok) return resolved;
  const tls = await loadTlsOptions(options);
  if (!tls.ok) return tls;
  const o = resolved.value;
  const connector = recordingConnector(tls.value, o.connectTimeoutMs);
  const dispatcher = new Agent({
    connect: connector.connect,
    headersTimeout: o.headersTimeoutMs,
    bodyTimeout: o.bodyTimeoutMs,
    connections: 8,
  });
  const t: Transport = {
    options: o,
    dispatcher,
    hasClientCert: tls.value.cert !== undefined,
    headers: headersOf(o),
    targets: new Map(),
    tlsErrorFor: connector.tlsErrorFor,
  };
  const hint: MembersHint = { regions: null };
  const client: NomadClient = {
    address: o.baseUrl,
    members: (signal) => members(t, hint, signal),
    servers: (signal) => fetchJson(t, 'GET', '/v1/agent/servers', [], StringListSchema, signal),
    setServers: (addresses, signal) => putEmpty(t, '/v1/agent/servers', addressParams(addresses), signal),
    self: (signal) => fetchJson(t, 'GET', '/v1/agent/self', [], SelfSchema, signal),
    join: (addresses, signal) =>
      fetchJson(t, 'PUT', '/v1/agent/join', addressParams(addresses), JoinSchema, signal),
    forceLeave: (node, opts, signal) => {
      const query: Array<[string, string]> = [['node', node]];
      if (opts?.prune === true) query.push(['prune', 'true']);
      return putEmpty(t, '/v1/agent/force-leave', query, signal);
    },
    health: (signal) => bodyOnStatus(t, '/v1/agent/health', HealthSchema, 500, signal),
    leader: (region, signal) => fetchLeader(t, region, signal),
    peers: (region, signal) =>
      fetchJson(t, 'GET', '/v1/status/peers', region ? [['region', region]] : [], StringListSchema, signal),
    regions: (signal) => fetchJson(t, 'GET', '/v1/regions', [], StringListSchema, signal),
    autopilotHealth: (signal) =>
      bodyOnStatus(t, '/v1/operator/autopilot/health', AutopilotSchema, 429, signal),
    nodes: (query, signal) => fetchNodes(t, query ?? {}, signal),
    // undici's destroy() is idempotent: a second close() waits for the first.
    close: () => dispatcher.destroy().catch(() => undefined),
  };
  return ok(client);
}
