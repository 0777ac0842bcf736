/**
 * The per-request context handed to route handlers, plus Nomad's shared query parsing (`parse()` in
 * command/agent/http.go): stale, index, wait and region.
 */
import type { AclStore } from './acl.js';
import type { ClusterState, Lookup, MemberRecord } from './cluster.js';
import { text, type Reply } from './reply.js';
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
export type Handler = (ctx: Ctx) => Reply;

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
  if (ctx.agent.role === 'server') {
    const self = ctx.state.member(ctx.agent.fullName);
    if (self) return { ok: true, value: self };
    return { ok: false, status: 500, message: 'no servers' };
  }
  return ctx.state.clientServer(ctx.agent.name);
}
