/**
 * Where a request goes and what headers it carries, worked out once per client (its Transport keeps them) and
 * URL: a poll asks the same few URLs every time, and parsing a URL and building a header object were a real part
 * of a small request's cost.
 */
import type { ResolvedOptions } from './options.js';

export type Query = ReadonlyArray<readonly [string, string]>;

/** Where a request goes, in the form undici takes it. */
export interface Target {
  origin: string;
  path: string;
  https: boolean;
}

const MAX_TARGETS = 64;

/**
 * The target of a request (region and namespace added like the Go client, unless the query sets them); `known`
 * holds the client's targets by path and query.
 */
export function targetOf(
  options: ResolvedOptions,
  known: Map<string, Target>,
  path: string,
  query: Query,
): Target {
  let key = path;
  for (const [k, v] of query) key += `\u0000${k}\u0000${v}`;
  let target = known.get(key);
  if (target === undefined) {
    const url = new URL(options.baseUrl + path);
    const own = new Set(query.map(([k]) => k));
    if (options.region !== null && !own.has('region')) url.searchParams.append('region', options.region);
    if (options.namespace !== null && !own.has('namespace'))
      url.searchParams.append('namespace', options.namespace);
    for (const [k, v] of query) url.searchParams.append(k, v);
    target = { origin: url.origin, path: url.pathname + url.search, https: url.protocol === 'https:' };
    if (known.size >= MAX_TARGETS) known.clear();
    known.set(key, target);
  }
  return target;
}

/** The headers of every request of a client: gzip, JSON, token and basic auth (undici never writes them). */
export function headersOf(options: ResolvedOptions): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'gzip', accept: 'application/json' };
  if (options.token !== null) headers['x-nomad-token'] = options.token;
  if (options.basicAuth !== null) headers['authorization'] = options.basicAuth;
  return headers;
}
