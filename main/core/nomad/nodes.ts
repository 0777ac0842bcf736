/**
 * `GET /v1/nodes`, blocking with an index (Nomad's `blockingRPC`: held until the nodes table's index passes it or
 * `wait` runs out, then answered with `X-Nomad-Index`, the same index on a timeout). The request's deadlines grow
 * by that hold, so a held query is never mistaken for a hung agent. Errors are the values of every other call.
 */
import type { NodesPage } from '../../../common/nomad-domain.js';
import { err, ok } from '../../../common/result.js';
import { invalidResponse } from './errors.js';
import { header, parseJson, sendOk, type RawResponse, type Transport } from './request.js';
import type { NodesQuery, NomadResult } from './types.js';
import { RawNodesSchema, toNode } from './wire-nodes.js';
import { intOrNull } from './wire.js';

/** Nomad's cap on a blocking query's wait (structs.MaxBlockingRPCQueryTime); also its default. */
export const MAX_BLOCKING_WAIT_MS = 300_000;
/** Nomad adds up to wait/16 of jitter (structs.JitterFraction). */
const JITTER_FRACTION = 16;
/**
 * Body cap of a node list: a stub is about 0.5-1.5 KiB (more with many drivers), so 10,000 nodes is ~10 MiB.
 * The client's own cap applies when it is larger.
 */
export const NODES_MAX_BYTES = 64 * 1024 * 1024;

/** The wait a blocking query asks for: the given one within (0, 300 s], else 300 s. */
export function blockingWait(waitMs: number | undefined): number {
  if (waitMs === undefined || !Number.isFinite(waitMs) || waitMs <= 0) return MAX_BLOCKING_WAIT_MS;
  return Math.min(Math.ceil(waitMs), MAX_BLOCKING_WAIT_MS);
}

/**
 * The index of the next blocking query after an answer carrying `got` (Nomad's and Consul's rules): an index
 * that went backwards (a snapshot restore, another cluster behind the address) resets to 0, so the next query
 * answers at once and starts over; otherwise the new index, never below 1 (0 would not block: a hot loop).
 */
export function nextIndex(previous: number, got: number): number {
  if (got < previous) return 0;
  return Math.max(1, got);
}

function pageOf(res: RawResponse, index: number, nodes: NodesPage['nodes']): NodesPage {
  const leader = header(res.headers, 'x-nomad-knownleader');
  const next = header(res.headers, 'x-nomad-nexttoken');
  return {
    nodes,
    index,
    knownLeader: leader === 'true' ? true : leader === 'false' ? false : null,
    lastContactMs: intOrNull(header(res.headers, 'x-nomad-lastcontact')),
    nextToken: next !== null && next !== '' ? next : null,
  };
}

function queryOf(q: NodesQuery): { query: Array<[string, string]>; holdMs: number } {
  const query: Array<[string, string]> = [];
  let holdMs = 0;
  const index = q.index ?? 0;
  if (Number.isSafeInteger(index) && index > 0) {
    const wait = blockingWait(q.waitMs);
    query.push(['index', String(index)], ['wait', `${wait}ms`]);
    holdMs = wait + Math.ceil(wait / JITTER_FRACTION);
  }
  if (q.stale === true) query.push(['stale', 'true']);
  if (q.filter !== undefined && q.filter !== '') query.push(['filter', q.filter]);
  if (q.perPage !== undefined && q.perPage > 0) query.push(['per_page', String(Math.floor(q.perPage))]);
  if (q.nextToken !== undefined && q.nextToken !== '') query.push(['next_token', q.nextToken]);
  return { query, holdMs };
}

/** One `/v1/nodes` page (the whole list unless `perPage` is set), blocking when `index` > 0. */
export async function fetchNodes(t: Transport, q: NodesQuery, signal?: AbortSignal): NomadResult<NodesPage> {
  const { query, holdMs } = queryOf(q);
  const maxBytes = Math.max(t.options.maxResponseBytes, NODES_MAX_BYTES);
  const res = await sendOk(t, 'GET', '/v1/nodes', query, signal, { holdMs, maxBytes });
  if (!res.ok) return res;
  const index = intOrNull(header(res.value.headers, 'x-nomad-index'));
  if (index === null)
    return err(
      invalidResponse(
        'GET /v1/nodes: the answer has no X-Nomad-Index header (not a Nomad server, or a proxy dropped it)',
        res.value.status,
        'NO_INDEX',
      ),
    );
  const raw = parseJson(res.value, RawNodesSchema, 'GET /v1/nodes');
  if (!raw.ok) return raw;
  return ok(pageOf(res.value, index, (raw.value ?? []).map(toNode)));
}
