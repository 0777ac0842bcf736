/**
 * Read-side /v1/agent/* handlers: members (§1), self (§3) and health (§6).
 */
import { parseCommon, rpcServer, type Ctx } from './context.js';
import { E, json, text, type Reply } from './reply.js';
import { memberJson, selfJson } from './shapes.js';

/** GET /v1/agent/members: the answering server's gossip view (clients forward to one of their servers). */
export function members(ctx: Ctx): Reply {
  if (ctx.method !== 'GET') return text(405, E.invalidMethod);
  const parsed = parseCommon(ctx);
  if (parsed.error) return parsed.error;
  const srv = rpcServer(ctx);
  if (!srv.ok) return text(srv.status, srv.message);
  if (!ctx.acl.allows(ctx.token, 'node:read')) return text(403, E.denied);
  const a = srv.value.agent;
  return json(
    {
      ServerName: a.name,
      ServerRegion: a.region,
      ServerDC: a.datacenter,
      Members: ctx.state.memberList().map((m) => memberJson(m, ctx.state)),
    },
    ctx.pretty,
  );
}

/** GET /v1/agent/self: config, member, stats (agent:read). */
export function self(ctx: Ctx): Reply {
  if (ctx.method !== 'GET') return text(405, E.invalidMethod);
  if (!ctx.acl.allows(ctx.token, 'agent:read')) return text(403, E.denied);
  return json(selfJson(ctx), ctx.pretty);
}

/** GET /v1/acl/token/self: 200 for any token Nomad knows, 403 `ACL token not found` else; 400 without ACLs. */
export function tokenSelf(ctx: Ctx): Reply {
  if (ctx.method !== 'GET') return text(405, E.invalidMethod);
  if (!ctx.acl.enabled) return text(400, 'ACL support disabled');
  if (!ctx.acl.knows(ctx.token)) return text(403, 'ACL token not found');
  return json({ AccessorID: 'sim-accessor', Name: 'sim token', Type: 'client' }, ctx.pretty);
}

interface Check {
  ok: boolean;
  message: string;
}

/** GET /v1/agent/health: 200 JSON when healthy, 500 with the same JSON labelled text/plain otherwise. */
export function health(ctx: Ctx): Reply {
  if (ctx.method !== 'GET') return text(405, E.invalidMethod);
  const parsed = parseCommon(ctx);
  if (parsed.error) return parsed.error;
  const types = ctx.query.getAll('type');
  const isServer = ctx.agent.role === 'server';
  const wantClient = types.length === 0 ? !isServer : types.includes('client');
  const wantServer = types.length === 0 ? isServer : types.includes('server');
  const body: { client?: Check; server?: Check } = {};
  if (wantClient) {
    if (isServer) body.client = { ok: false, message: 'client not enabled' };
    else {
      const known = ctx.state.clientServers.get(ctx.agent.name) ?? [];
      body.client =
        known.length > 0 ? { ok: true, message: 'ok' } : { ok: false, message: 'no known servers' };
    }
  }
  if (wantServer) {
    if (!isServer) body.server = { ok: false, message: 'server not enabled' };
    else {
      const leader = ctx.state.leaderAddr(ctx.agent.region, parsed.region, parsed.stale);
      if (!leader.ok) body.server = { ok: false, message: leader.message };
      else if (leader.value === '') body.server = { ok: false, message: 'no leader' };
      else body.server = { ok: true, message: 'ok' };
    }
  }
  const healthy = (body.client?.ok ?? true) && (body.server?.ok ?? true);
  return healthy ? json(body, ctx.pretty) : text(500, JSON.stringify(body));
}
