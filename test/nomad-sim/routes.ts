/**
 * The route table of a simulated agent: exact paths only (a trailing slash is a different, unknown path),
 * `/` redirects to the UI and anything else is 404 with an empty body (doc §0).
 */
import type { Ctx, Handler } from './context.js';
import { empty, type Answer } from './reply.js';
import { health, members, self, tokenSelf } from './routes-agent.js';
import { forceLeave, join, servers } from './routes-agent-write.js';
import { nodes } from './routes-nodes.js';
import { autopilot, leader, peers, raftConfiguration, regions } from './routes-status.js';

const ROUTES = new Map<string, Handler>([
  ['/v1/agent/members', members],
  ['/v1/agent/self', self],
  ['/v1/acl/token/self', tokenSelf],
  ['/v1/agent/health', health],
  ['/v1/agent/join', join],
  ['/v1/agent/force-leave', forceLeave],
  ['/v1/agent/servers', servers],
  ['/v1/status/leader', leader],
  ['/v1/status/peers', peers],
  ['/v1/regions', regions],
  ['/v1/nodes', nodes],
  ['/v1/operator/autopilot/health', autopilot],
  ['/v1/operator/raft/configuration', raftConfiguration],
]);

/** Dispatches one request to its handler. */
export function route(ctx: Ctx): Answer {
  const handler = ROUTES.get(ctx.path);
  if (handler) return handler(ctx);
  if (ctx.path === '/') return { status: 307, body: '', headers: { Location: '/ui/' } };
  return empty(404);
}
