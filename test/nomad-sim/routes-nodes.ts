/**
 * GET /v1/nodes (doc §7): the node list stubs with Nomad's blocking-query semantics (`nomad/rpc.go`
 * blockingRPC): with `index=N` (N > 0) the request is held until the nodes table's index passes N or `wait`
 * (default and cap 300 s, plus up to wait/16 of jitter) runs out, then answered 200 with the current list and
 * index (unchanged on a timeout). Without `stale` the request goes to the leader (held while there is none);
 * with it any server answers. `filter` (a small subset of go-bexpr), `prefix`, `per_page` and `next_token`
 * are applied like Nomad's paginator; the response carries X-Nomad-Index, X-Nomad-KnownLeader,
 * X-Nomad-LastContact and X-Nomad-NextToken.
 */
import { leaderBound, parseCommon, viaServer, type Ctx } from './context.js';
import type { MemberRecord } from './cluster.js';
import { nodeStubJson, type NodeRecord } from './nodes.js';
import { E, json, text, type Answer, type Reply } from './reply.js';

/** structs.MaxBlockingRPCQueryTime and the default wait. */
export const MAX_BLOCKING_MS = 300_000;
/** structs.JitterFraction: up to wait/16 is added. */
const JITTER_FRACTION = 16;

const UNITS = new Map<string, number>([
  ['ns', 1e-6],
  ['us', 1e-3],
  ['µs', 1e-3],
  ['ms', 1],
  ['s', 1000],
  ['m', 60_000],
  ['h', 3_600_000],
]);

/** A Go duration (already checked by parseCommon) in milliseconds. */
function durationMs(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    total += Number(m[1]) * (UNITS.get(m[2] ?? '') ?? 0);
  return total;
}

/** The wait a blocking query gets: given (or 300 s), capped at 300 s, plus jitter. */
export function blockingWaitMs(wait: string | null, random: () => number = Math.random): number {
  const asked = wait === null ? 0 : durationMs(wait);
  const base = asked <= 0 || asked > MAX_BLOCKING_MS ? MAX_BLOCKING_MS : asked;
  return base + Math.floor(random() * (base / JITTER_FRACTION));
}

type Clause = { field: string; equal: boolean; value: string | boolean };

/** Parses `Field == "value"` / `Field != true` clauses joined by `and`; null when not understood. */
function parseFilter(expr: string): Clause[] | null {
  const clauses: Clause[] = [];
  for (const part of expr.split(/\s+and\s+/)) {
    const m = /^\s*([A-Za-z]+)\s*(==|!=)\s*(?:"([^"]*)"|(true|false))\s*$/.exec(part);
    if (!m) return null;
    const value = m[3] !== undefined ? m[3] : m[4] === 'true';
    clauses.push({ field: m[1] ?? '', equal: m[2] === '==', value });
  }
  return clauses;
}

function matches(stub: Record<string, unknown>, clauses: readonly Clause[]): boolean {
  return clauses.every((c) => (Object.hasOwn(stub, c.field) && stub[c.field] === c.value) === c.equal);
}

interface Page {
  stubs: Record<string, unknown>[];
  next: string;
}

function page(rows: readonly NodeRecord[], q: URLSearchParams, clauses: readonly Clause[]): Page {
  const prefix = q.get('prefix') ?? '';
  const token = q.get('next_token') ?? '';
  const perPage = Number(q.get('per_page') ?? '0');
  const stubs: Record<string, unknown>[] = [];
  for (const row of rows) {
    if (!row.id.startsWith(prefix) || (token !== '' && row.id < token)) continue;
    const stub = nodeStubJson(row);
    if (!matches(stub, clauses)) continue;
    if (perPage > 0 && stubs.length === perPage) return { stubs, next: row.id };
    stubs.push(stub);
  }
  return { stubs, next: '' };
}

function meta(
  ctx: Ctx,
  srv: MemberRecord,
  region: string,
  index: number,
  next: string,
): Record<string, string> {
  const leader = ctx.state.leaderOf(region, region === srv.agent.region ? srv.agent.fullName : undefined);
  const headers: Record<string, string> = {
    'X-Nomad-Index': String(index),
    'X-Nomad-KnownLeader': String(leader !== null),
    'X-Nomad-LastContact': leader === srv ? '0' : leader !== null ? '7' : '10000',
  };
  if (next !== '') headers['X-Nomad-NextToken'] = next;
  return headers;
}

/** GET /v1/nodes. */
export function nodes(ctx: Ctx): Answer {
  if (ctx.method !== 'GET') return text(405, E.invalidMethod);
  const parsed = parseCommon(ctx);
  if (parsed.error) return parsed.error;
  const q = ctx.query;
  const perPage = q.get('per_page');
  if (perPage !== null && !/^\d+$/.test(perPage)) return text(400, 'Invalid per_page value');
  const filter = q.get('filter');
  const clauses = filter === null || filter === '' ? [] : parseFilter(filter);
  if (clauses === null) return text(400, `failed to read filter expression: ${filter ?? ''}`);
  const minIndex = Number(q.get('index') ?? '0');
  const waitMs = blockingWaitMs(q.get('wait'));
  return viaServer(ctx, (srv) =>
    leaderBound(ctx, srv, parsed.region, parsed.stale, () => {
      const from = srv.agent.region;
      const route = ctx.state.leaderAddr(from, parsed.region, parsed.stale, srv.agent.fullName);
      if (!route.ok) return text(route.status, route.message);
      if (!ctx.acl.allows(ctx.token, 'node:read')) return text(403, E.denied);
      const home = parsed.region === ctx.state.cfg.regions[0];
      const table = ctx.state.nodes;
      const answer = (): Reply => {
        const rows = home ? table.list() : [];
        const { stubs, next } = page(rows, q, clauses);
        const reply = json(stubs, ctx.pretty);
        reply.headers = meta(ctx, srv, parsed.region, home ? table.replyIndex() : 1, next);
        return reply;
      };
      const current = (): number => (home ? table.replyIndex() : 1);
      if (minIndex > 0) table.queries.blocking += 1;
      else table.queries.plain += 1;
      if (minIndex <= 0 || current() > minIndex) return answer();
      return {
        held: true,
        retry: () => (current() > minIndex ? answer() : null),
        limitMs: waitMs,
        expire: answer,
      };
    }),
  );
}
