/**
 * The per-request context handed to route handlers, plus Nomad's shared query parsing (`parse()` in
 * command/agent/http.go): stale, index, wait and region.
 */
import type { AclStore } from './acl.js';
import type { ClusterState, Lookup, MemberRecord } from './cluster.js';
import { text, type Answer, type Reply } from './reply.js';
import type { SimAgent } from './types.js';

/** What a route handler may look at. */
export interface Ctx {
  agent: SimAgent;
  state: ClusterState;
  acl: AclStore;
  method: string;
  path: string;
  query: URLSearchParams;
  token: string;
  pretty: boolean;
  tls: { enabled: boolean; mtls: boolean };
  port: number;
}

/** A route handler: returns the full reply. */
export type Handler = (ctx: Ctx) => Answer;

const BOOLS = new Map([
  ['1', true],
  ['t', true],
  ['T', true],
  ['TRUE', true],
  ['true', true],
  ['True', true],
  ['0', false],
  ['f', false],
  ['F', false],
  ['FALSE', false],
  ['false', false],
  ['False', false],
]);

/** Go's strconv.ParseBool; undefined when the text is not a bool. */
export function parseBool(s: string): boolean | undefined {
  return BOOLS.get(s);
}

/** Result of the shared parse(): either a 400 reply or the parsed options. */
export type Parsed = { error: Reply } | { error: null; stale: boolean; region: string };

/** Nomad's parse(): `stale` (presence = true, else ParseBool), `wait` (Go duration), `index`, `region`. */
export function parseCommon(ctx: Ctx): Parsed {
  const q = ctx.query;
  let stale = false;
  if (q.has('stale')) {
    const v = q.get('stale') ?? '';
    const b = v === '' ? true : parseBool(v);
    if (b === undefined)
      return { error: text(400, 'Expect `true` or `false` for `stale` query string parameter') };
    stale = b;
  }
  const wait = q.get('wait');
  if (wait !== null && !/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(wait)) {
    return { error: text(400, 'Invalid wait time') };
  }
  const index = q.get('index');
  if (index !== null && !/^\d+$/.test(index)) return { error: text(400, 'Invalid index') };
  const region = q.get('region');
  return { error: null, stale, region: region !== null && region !== '' ? region : ctx.agent.region };
}

/**
 * The server that answers an RPC made through this agent: itself for a server, a known server of its
 * region for a client (the client forwards RPCs; doc §1 "Behaviour on a client-only agent").
 */
export function rpcServer(ctx: Ctx): Lookup<MemberRecord> {
  if (ctx.agent.role === 'server' || ctx.agent.alsoClient) {
    const self = ctx.state.member(ctx.agent.fullName);
    if (self) return { ok: true, value: self };
    return { ok: false, status: 500, message: 'no servers' };
  }
  return ctx.state.clientServer(ctx.agent.name);
}

/**
 * Runs `then` with the server that answers an RPC made through this agent. A client agent without servers
 * fails like its version does (doc §10): before 1.6 at once with `500 no servers`; from 1.6 a client that never
 * registered waits until it has servers (no timeout of its own), one that registered before waits for the hold
 * time and then fails `500 no servers`.
 */
export function viaServer(ctx: Ctx, then: (srv: MemberRecord) => Answer): Answer {
  const srv = rpcServer(ctx);
  if (srv.ok) return then(srv.value);
  const { state, agent } = ctx;
  const noServers = (state.clientServers.get(agent.name) ?? []).length === 0;
  if (!noServers || !state.era.clientWaitsForRegistration) return text(srv.status, srv.message);
  const waitsForever = !state.registered.has(agent.name);
  return {
    held: true,
    retry: () => {
      const again = rpcServer(ctx);
      return again.ok ? then(again.value) : null;
    },
    limitMs: waitsForever ? null : state.holdMs(),
    expire: () => text(500, 'no servers'),
  };
}

/**
 * A leader-bound request (not `stale`): while `region` has no leader it is held for the hold time (Nomad's
 * RPCHoldTimeout plus jitter) and answered by `reply` as soon as a leader appears, or when the hold ends
 * (then `reply` gives `500 No cluster leader`).
 */
export function leaderBound(
  ctx: Ctx,
  srv: MemberRecord,
  region: string,
  stale: boolean,
  reply: () => Answer,
): Answer {
  const from = srv.agent.region;
  const viewer = srv.agent.fullName;
  if (!ctx.state.waitsForLeader(from, region, stale, viewer)) return reply();
  return {
    held: true,
    retry: () => (ctx.state.waitsForLeader(from, region, stale, viewer) ? null : reply()),
    limitMs: ctx.state.holdMs(),
    expire: () => {
      const r = reply();
      return 'held' in r ? text(500, 'No cluster leader') : r;
    },
  };
}
