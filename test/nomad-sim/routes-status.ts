/**
 * /v1/status/leader, /v1/status/peers, /v1/regions, /v1/operator/autopilot/health and
 * /v1/operator/raft/configuration (doc §7). Leader-bound answers are held while the region has no leader
 * (leaderBound), and a client agent without servers fails or waits like its version (viaServer).
 */
import { leaderBound, parseCommon, viaServer, type Ctx } from './context.js';
import { E, empty, json, text, type Answer } from './reply.js';

const STARTED = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** GET /v1/status/leader: the region leader's "ip:4647" as a JSON string. */
export function leader(ctx: Ctx): Answer {
  if (ctx.method !== 'GET') return text(405, E.invalidMethod);
  const parsed = parseCommon(ctx);
  if (parsed.error) return parsed.error;
  return viaServer(ctx, (srv) =>
    leaderBound(ctx, srv, parsed.region, parsed.stale, () => {
      const r = ctx.state.leaderAddr(srv.agent.region, parsed.region, parsed.stale, srv.agent.fullName);
      return r.ok ? json(r.value, ctx.pretty) : text(r.status, r.message);
    }),
  );
}

/** GET /v1/status/peers: raft peer addresses, never null. */
export function peers(ctx: Ctx): Answer {
  if (ctx.method !== 'GET') return text(405, E.invalidMethod);
  const parsed = parseCommon(ctx);
  if (parsed.error) return parsed.error;
  return viaServer(ctx, (srv) =>
    leaderBound(ctx, srv, parsed.region, parsed.stale, () => {
      const r = ctx.state.leaderAddr(srv.agent.region, parsed.region, parsed.stale);
      if (!r.ok) return text(r.status, r.message);
      return json(
        ctx.state.raftPeers(parsed.region).map((m) => m.agent.rpcAddr),
        ctx.pretty,
      );
    }),
  );
}

/** GET /v1/regions: sorted region names known through gossip (never forwarded). */
export function regions(ctx: Ctx): Answer {
  if (ctx.method !== 'GET') return text(405, E.invalidMethod);
  const parsed = parseCommon(ctx);
  if (parsed.error) return parsed.error;
  return viaServer(ctx, () => json(ctx.state.knownRegions(), ctx.pretty));
}

/** Go-style duration text for a last-contact value in milliseconds. */
function lastContact(ms: number): string {
  if (ms === 0) return '0s';
  return ms < 1000
    ? `${ms.toFixed(6).replace(/\.?0+$/, '')}ms`
    : `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

/** GET /v1/operator/autopilot/health (operator:read): 200 healthy, 429 unhealthy, both with JSON. */
export function autopilot(ctx: Ctx): Answer {
  if (ctx.method !== 'GET') return text(404, E.invalidMethod);
  const parsed = parseCommon(ctx);
  if (parsed.error) return parsed.error;
  if (!ctx.acl.allows(ctx.token, 'operator:read')) return text(403, E.denied);
  return viaServer(ctx, (srv) =>
    leaderBound(ctx, srv, parsed.region, false, () => autopilotBody(ctx, srv.agent.region, parsed.region)),
  );
}

function autopilotBody(ctx: Ctx, from: string, region: string): Answer {
  const parsed = { region };
  const route = ctx.state.leaderAddr(from, parsed.region, false);
  if (!route.ok) return text(route.status, route.message);
  const lead = ctx.state.leaderOf(parsed.region);
  const peers = ctx.state.raftPeers(parsed.region);
  const servers = peers.map((m, i) => {
    const isLeader = m === lead;
    const healthy = m.status === 'alive';
    return {
      ID: m.id,
      Name: m.agent.fullName,
      Address: m.agent.rpcAddr,
      SerfStatus: m.status,
      Version: ctx.state.cfg.build,
      Leader: isLeader,
      LastContact: lastContact(isLeader ? 0 : healthy ? 12.345678 + i : 10_500),
      LastTerm: 2,
      LastIndex: 46,
      Healthy: healthy,
      Voter: true,
      StableSince: STARTED,
    };
  });
  const healthyVoters = servers.filter((s) => s.Healthy).length;
  const quorum = Math.floor(servers.length / 2) + 1;
  const healthy = servers.every((s) => s.Healthy);
  const body = {
    Healthy: healthy,
    FailureTolerance: Math.max(0, healthyVoters - quorum),
    Leader: lead?.id ?? '',
    Voters: peers.map((m) => m.id),
    Servers: servers,
  };
  return json(body, ctx.pretty, healthy ? 200 : 429);
}

/** GET /v1/operator/raft/configuration (management token only; non-GET → 405 with an empty body). */
export function raftConfiguration(ctx: Ctx): Answer {
  if (ctx.method !== 'GET') return empty(405);
  const parsed = parseCommon(ctx);
  if (parsed.error) return parsed.error;
  if (!ctx.acl.allows(ctx.token, 'management')) return text(403, E.denied);
  return viaServer(ctx, (srv) =>
    leaderBound(ctx, srv, parsed.region, parsed.stale, () => raftBody(ctx, srv.agent.region, parsed)),
  );
}

function raftBody(ctx: Ctx, from: string, parsed: { region: string; stale: boolean }): Answer {
  const route = ctx.state.leaderAddr(from, parsed.region, parsed.stale);
  if (!route.ok) return text(route.status, route.message);
  const lead = ctx.state.leaderOf(parsed.region);
  return json(
    {
      Index: 46,
      Servers: ctx.state.raftPeers(parsed.region).map((m) => ({
        ID: m.id,
        Node: m.agent.fullName,
        Address: m.agent.rpcAddr,
        Leader: m === lead,
        Voter: true,
        RaftProtocol: '3',
      })),
    },
    ctx.pretty,
  );
}
