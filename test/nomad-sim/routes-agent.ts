/**
 * Read-side /v1/agent/* handlers: members (§1), self (§3) and health (§6).
 */
import { claimTokenError } from './acl.js';
import { leaderBound, parseCommon, viaServer, type Ctx } from './context.js';
import { E, empty, json, text, type Answer } from './reply.js';
import { memberJson, selfJson } from './shapes.js';

/**
 * GET /v1/agent/members: the answering server's own gossip view (clients forward to one of their servers).
 * Before 0.5 servers answered a bare array and client agents `501 Invalid method`.
 */
export function members(ctx: Ctx): Answer {
  if (ctx.method !== 'GET') return text(405, E.invalidMethod);
  const parsed = parseCommon(ctx);
  if (parsed.error) return parsed.error;
  const old = !ctx.state.era.membersObject;
  if (old && ctx.agent.role !== 'server') return text(501, E.invalidMethod);
  return viaServer(ctx, (srv) => {
    if (!ctx.acl.allows(ctx.token, 'node:read')) return text(403, E.denied);
    const a = srv.agent;
    const list = ctx.state.memberList(a.fullName).map((m) => memberJson(m, ctx.state));
    if (old) return json(list, ctx.pretty);
    return json(
      {
        ServerName: ctx.state.cfg.emptyNodeName ? '' : a.name,
        ServerRegion: a.region,
        ServerDC: a.datacenter,
        Members: list,
      },
      ctx.pretty,
    );
  });
}

/**
 * GET /v1/agent/self: config, member, stats (agent:read). A server checks the token in the HTTP layer, so a
 * secret that is not a UUID (a JWT) that does not verify is a 500 with the ACL text, not a 403.
 */
export function self(ctx: Ctx): Answer {
  if (ctx.method !== 'GET') return text(405, E.invalidMethod);
  const claimError = ctx.agent.role === 'server' ? claimTokenError(ctx.acl, ctx.token) : null;
  if (claimError !== null) return text(500, claimError);
  if (!ctx.acl.allows(ctx.token, 'agent:read')) return text(403, E.denied);
  return json(selfJson(ctx), ctx.pretty);
}

/** GET /v1/acl/token/self: 200 for any token Nomad knows, 403 `ACL token not found` else; 400 without ACLs. */
export function tokenSelf(ctx: Ctx): Answer {
  if (ctx.method !== 'GET') return text(405, E.invalidMethod);
  if (!ctx.acl.enabled) return text(400, 'ACL support disabled');
  if (!ctx.acl.knows(ctx.token)) return text(403, 'ACL token not found');
  return json({ AccessorID: 'sim-accessor', Name: 'sim token', Type: 'client' }, ctx.pretty);
}

interface Check {
  ok: boolean;
  message: string;
}

/**
 * GET /v1/agent/health: 200 JSON when healthy, 500 with the same JSON labelled text/plain otherwise. The client
 * half answers at once; the server half asks for the leader, so it is held while there is none. Before 0.7 the
 * endpoint does not exist (404, empty body).
 */
export function health(ctx: Ctx): Answer {
  if (!ctx.state.era.health) return empty(404);
  if (ctx.method !== 'GET') return text(405, E.invalidMethod);
  const parsed = parseCommon(ctx);
  if (parsed.error) return parsed.error;
  const isServer = ctx.agent.role === 'server';
  const self = isServer ? ctx.state.member(ctx.agent.fullName) : undefined;
  const types = ctx.query.getAll('type');
  const wantServer = types.length === 0 ? isServer : types.includes('server');
  const build = (): Answer => healthBody(ctx, parsed.region, parsed.stale);
  if (wantServer && self !== undefined) return leaderBound(ctx, self, parsed.region, parsed.stale, build);
  return build();
}

function healthBody(ctx: Ctx, region: string, stale: boolean): Answer {
  const parsed = { region, stale };
  const types = ctx.query.getAll('type');
  const isServer = ctx.agent.role === 'server';
  const isClient = !isServer || ctx.agent.alsoClient;
  const wantClient = types.length === 0 ? isClient : types.includes('client');
  const wantServer = types.length === 0 ? isServer : types.includes('server');
  const body: { client?: Check; server?: Check } = {};
  if (wantClient) {
    if (!isClient) body.client = { ok: false, message: 'client not enabled' };
    else {
      const known = ctx.state.clientServers.get(ctx.agent.name) ?? [];
      body.client =
        known.length > 0 ? { ok: true, message: 'ok' } : { ok: false, message: 'no known servers' };
    }
  }
  if (wantServer) {
    if (!isServer) body.server = { ok: false, message: 'server not enabled' };
    else {
      const leader = ctx.state.leaderAddr(ctx.agent.region, parsed.region, parsed.stale, ctx.agent.fullName);
      if (!leader.ok) body.server = { ok: false, message: leader.message };
      else if (leader.value === '') body.server = { ok: false, message: 'no leader' };
      else body.server = { ok: true, message: 'ok' };
    }
  }
  const healthy = (body.client?.ok ?? true) && (body.server?.ok ?? true);
  return healthy ? json(body, ctx.pretty) : text(500, JSON.stringify(body));
}
