/**
 * Where a request goes and what headers it carries, worked out once per client and URL: a poll asks the same few
 * URLs every time, and parsing a URL and building a header object were a real part of a small request's cost.
 * The options a client resolved are never modified afterwards, so caching per options object is exact.
 */
import type { ResolvedOptions } from './options.js';

/** Query parameters of a request, in order. */
export type Query = ReadonlyArray<readonly [string, string]>;

/** Where a request goes, in the form undici takes it. */
interface Target {
  origin: string;
  path: string;
  https: boolean;
}

/** Targets per client options and request (path + query). */
const targets = new WeakMap<ResolvedOptions, Map<string, Target>>();
const MAX_TARGETS = 64;

/** The target of a request (region and namespace added like the Go client, unless the query sets them). */
export function targetOf(options: ResolvedOptions, path: string, query: Query): Target {
  let known = targets.get(options);
  if (known === undefined) {
    known = new Map();
    targets.set(options, known);
  }
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

/** Request headers per client options (undici reads them, never writes them). */
const headerSets = new WeakMap<ResolvedOptions, Record<string, string>>();

/** The headers of every request of a client: gzip, JSON, token and basic auth. */
export function headersOf(options: ResolvedOptions): Record<string, string> {
  let headers = headerSets.get(options);
  if (headers === undefined) {
    headers = { 'accept-encoding': 'gzip', accept: 'application/json' };
    if (options.token !== null) headers['x-nomad-token'] = options.token;
    if (options.basicAuth !== null) headers['authorization'] = options.basicAuth;
    headerSets.set(options, headers);
  }
  return headers;
}
