/**
 * Write-side /v1/agent/* handlers: join (§4), force-leave (§5) and the client's server list (§2), with the
 * exact check order and texts Nomad uses.
 */
import { parseBool, type Ctx } from './context.js';
import { E, empty, json, multierror, text, type Reply } from './reply.js';

const JOIN_WARNING = 'anonymous server join is deprecated and will be removed in a future version of Nomad';

/** PUT/POST /v1/agent/join?address=…: always 200 with {num_joined,error,warning} once past the 4xx checks. */
export function join(ctx: Ctx): Reply {
  if (ctx.method !== 'PUT' && ctx.method !== 'POST') return text(405, E.invalidMethod);
  if (ctx.agent.role !== 'server') return text(501, E.invalidMethod);
  const addresses = ctx.query.getAll('address');
  if (addresses.length === 0) return text(400, 'missing address to join');
  const warning = ctx.acl.enabled && !ctx.acl.allows(ctx.token, 'agent:write') ? JOIN_WARNING : '';
  const { joined, errors } = ctx.state.join(addresses);
  const error = joined > 0 || errors.length === 0 ? '' : multierror(errors);
  return json({ num_joined: joined, error, warning }, ctx.pretty);
}

/** PUT/POST /v1/agent/force-leave?node=…&prune=…: 200 with an empty body whatever happened. */
export function forceLeave(ctx: Ctx): Reply {
  if (ctx.method !== 'PUT' && ctx.method !== 'POST') return text(405, E.invalidMethod);
  if (ctx.agent.role !== 'server') return text(501, E.invalidMethod);
  if (!ctx.acl.allows(ctx.token, 'agent:write')) return text(403, E.denied);
  const node = ctx.query.get('node') ?? '';
  if (node === '') return text(400, 'missing node to force leave');
  const pruneRaw = ctx.query.get('prune') ?? '';
  const prune = pruneRaw === '' ? false : parseBool(pruneRaw);
  if (prune === undefined) return text(400, 'invalid prune value');
  ctx.state.forceLeave(node, prune);
  return empty(200);
}

/** GET/PUT/POST /v1/agent/servers: client-only; GET lists (sorted), PUT replaces with the pingable ones. */
export function servers(ctx: Ctx): Reply {
  if (ctx.method !== 'GET' && ctx.method !== 'PUT' && ctx.method !== 'POST')
    return text(405, E.invalidMethod);
  if (ctx.agent.role !== 'client' && !ctx.agent.alsoClient) return text(501, E.invalidMethod);
  if (ctx.method === 'GET') {
    if (!ctx.acl.allows(ctx.token, 'agent:read')) return text(403, E.denied);
    return json([...(ctx.state.clientServers.get(ctx.agent.name) ?? [])].sort(), ctx.pretty);
  }
  const addresses = ctx.query.getAll('address');
  if (addresses.length === 0) return text(400, 'missing server address');
  if (!ctx.acl.allows(ctx.token, 'agent:write')) return text(403, E.denied);
  const good: string[] = [];
  const errors: string[] = [];
  for (const a of addresses) {
    const r = ctx.state.ping(a);
    if (r.ok) good.push(r.value);
    else errors.push(r.message);
  }
  if (good.length === 0) return text(400, errors.length > 0 ? multierror(errors) : 'no servers');
  ctx.state.clientServers.set(ctx.agent.name, good);
  return empty(200);
}
