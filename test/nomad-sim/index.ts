/**
 * In-process simulated Nomad cluster: the stand-in for real Nomad in every test (contract: ./types.ts;
 * behaviour: Nomad's agent HTTP API, with the real-agent quirks listed in README, "Simulated Nomad cluster").
 *
 * Notes on deliberate simplifications:
 * - fail() of a leader does NOT elect a new one: tests decide leadership with setLeader().
 * - Leader-less RPCs are held `leaderHoldMs` (default 5 s + jitter, like Nomad) before `No cluster leader`;
 *   tests that do not study the hold pass a short one.
 * - The build string picks version-dependent shapes and behaviours (test/nomad-sim/version.ts).
 * - A failed member does not answer join (memberlist cannot reach it); recover() it first.
 */
import { AclStore } from './acl.js';
import { AgentServer, type ListenerTls } from './agent-server.js';
import { buildAgents } from './agents.js';
import { ClusterState, extraNodes, type ClusterConfig } from './cluster.js';
import type { NodeRecord } from './nodes.js';
import { makeCerts, type CertBundle } from './tls.js';
import type { SimAgent, SimCluster, SimNode, SimOptions, SimTls } from './types.js';

export type {
  Fault,
  NewNodeOptions,
  SimAgent,
  SimCluster,
  SimNode,
  SimOptions,
  SimTls,
  SimTokens,
} from './types.js';
export { MAX_BLOCKING_MS, blockingWaitMs } from './routes-nodes.js';
export { makeCerts, type CertBundle, type MakeCertsOptions, type ServerCertKind } from './tls.js';

/** Nomad's RPCHoldTimeout (nomad/config.go). */
export const DEFAULT_LEADER_HOLD_MS = 5_000;

function resolveConfig(opts: SimOptions): ClusterConfig {
  const regions = opts.regions && opts.regions.length > 0 ? opts.regions : ['global'];
  const serversPerRegion = opts.serversPerRegion ?? 3;
  return {
    regions,
    serversPerRegion,
    clients: opts.clients ?? 0,
    datacenter: opts.datacenter ?? 'dc1',
    build: opts.build ?? '1.9.3',
    leaveRecoveryMs: opts.leaveRecoveryMs ?? 500,
    leaderHoldMs: Math.max(0, opts.leaderHoldMs ?? DEFAULT_LEADER_HOLD_MS),
    bothRoles: opts.bothRoles === true,
    sharedIp: opts.sharedIp === true,
    advertiseAny: opts.advertiseAny === true,
    bootstrapExpect: opts.bootstrapExpect === undefined ? serversPerRegion : opts.bootstrapExpect,
    emptyNodeName: opts.emptyNodeName === true,
    serverNames: opts.serverNames ?? [],
    extraTags: opts.extraTags ?? [],
    nodes: Math.max(0, opts.nodes ?? 0),
    nodeDatacenters: opts.nodeDatacenters ?? [],
  };
}

function simNode(r: NodeRecord): SimNode {
  return {
    id: r.id,
    name: r.name,
    datacenter: r.datacenter,
    nodePool: r.nodePool,
    nodeClass: r.nodeClass,
    status: r.status,
    eligibility: r.eligibility,
    drain: r.drain,
    modifyIndex: r.modifyIndex,
  };
}

function simTls(b: CertBundle): SimTls {
  return {
    caFile: b.caFile,
    caPem: b.caPem,
    otherCaFile: b.otherCaFile,
    clientCertFile: b.clientCertFile,
    clientKeyFile: b.clientKeyFile,
    badClientCertFile: b.badClientCertFile,
    badClientKeyFile: b.badClientKeyFile,
    serverName: b.serverName,
  };
}

/** Starts every agent's listener and returns the control handle. Always `await cluster.close()`. */
export async function startCluster(opts: SimOptions = {}): Promise<SimCluster> {
  const cfg = resolveConfig(opts);
  const agents = buildAgents(cfg);
  const state = new ClusterState(cfg, agents);
  const acl = new AclStore(opts.acl === true);
  const tlsOpt = opts.tls === true ? {} : opts.tls === false || opts.tls === undefined ? null : opts.tls;
  const certs = tlsOpt
    ? await makeCerts({
        region: cfg.regions[0] ?? 'global',
        serverCert: tlsOpt.serverCert ?? 'valid',
        reuse: true,
      })
    : null;
  const listenerTls: ListenerTls | null = certs
    ? { key: certs.serverKeyPem, cert: certs.serverCertPem, ca: certs.caPem, mtls: tlsOpt?.mtls === true }
    : null;
  const servers = new Map<string, AgentServer>(
    agents.map((a) => [a.name, new AgentServer(a, state, acl, listenerTls)]),
  );
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    state.stop();
    await Promise.all([...servers.values()].map((s) => s.close()));
    await certs?.cleanup();
  };
  try {
    await Promise.all([...servers.values()].map((s) => s.start()));
  } catch (e) {
    await close();
    throw e;
  }

  const agent = (name: string): SimAgent => {
    const hits = agents.filter((a) => a.name === name || (a.fullName !== '' && a.fullName === name));
    if (hits.length !== 1 || !hits[0])
      throw new Error(`nomad-sim: ${hits.length === 0 ? 'unknown' : 'ambiguous'} agent "${name}"`);
    return hits[0];
  };
  const member = (name: string) => {
    const a = agent(name);
    const m = state.member(a.fullName);
    if (!m) throw new Error(`nomad-sim: "${name}" is a client agent, not a gossip member`);
    return m;
  };
  const server = (name: string): AgentServer => {
    const s = servers.get(agent(name).name);
    if (!s) throw new Error(`nomad-sim: no listener for "${name}"`);
    return s;
  };

  return {
    agents,
    agent,
    servers: (region) => state.servers(region),
    clients: () => agents.filter((a) => a.role === 'client'),
    regions: cfg.regions,
    tokens: acl.tokens,
    tls: certs ? simTls(certs) : null,
    fail: (name) => {
      member(name).status = 'failed';
    },
    recover: (name) => {
      const m = member(name);
      m.status = 'alive';
      m.present = true;
    },
    leave: (name) => state.leave(member(name)),
    setStatus: (name, raw) => {
      const m = member(name);
      m.status = raw;
      m.present = true;
    },
    setLeader: (region, name) => {
      if (!state.leaders.has(region)) throw new Error(`nomad-sim: unknown region "${region}"`);
      if (name === null) {
        state.leaders.set(region, null);
        return;
      }
      const m = member(name);
      if (m.agent.region !== region)
        throw new Error(`nomad-sim: ${m.agent.fullName} is not in region ${region}`);
      state.leaders.set(region, m.agent.fullName);
    },
    restoreToken: (secret) => {
      acl.restore(secret);
    },
    revokeToken: (secret) => {
      acl.revoke(secret);
    },
    inject: (name, fault, paths) => server(name).inject(fault, paths),
    clear: (name) => server(name).clear(),
    memberNames: () => [...state.members.values()].filter((m) => m.present).map((m) => m.agent.fullName),
    memberStatus: (name) => {
      const m = member(name);
      return m.present ? m.status : null;
    },
    setClientServers: (name, rpcAddrs, opts) => {
      const a = agent(name);
      if (a.role !== 'client' && !a.alsoClient) throw new Error(`nomad-sim: "${name}" is not a client agent`);
      state.clientServers.set(a.name, [...rpcAddrs]);
      if (rpcAddrs.length > 0 || opts?.registered === true) state.registered.add(a.name);
      else if (opts?.registered === false) state.registered.delete(a.name);
    },
    setView: (serverName, memberName, status) => {
      const viewer = member(serverName).agent.fullName;
      const subject = member(memberName).agent.fullName;
      const view = state.views.get(viewer) ?? new Map<string, string>();
      view.set(subject, status);
      state.views.set(viewer, view);
    },
    setViewLeader: (serverName, leaderName) => {
      const viewer = member(serverName).agent;
      if (leaderName !== null && member(leaderName).agent.region !== viewer.region)
        throw new Error(`nomad-sim: ${leaderName} is not in region ${viewer.region}`);
      state.viewLeaders.set(viewer.fullName, leaderName === null ? null : member(leaderName).agent.fullName);
    },
    setLeaderHold: (ms) => {
      state.cfg.leaderHoldMs = Math.max(0, ms);
    },
    converge: () => {
      state.views.clear();
      state.viewLeaders.clear();
    },
    nodeNames: () => state.nodes.list().map((r) => r.name),
    node: (name) => simNode(state.nodes.get(name)),
    addNodes: (count, o) => {
      let next = state.nodes.size + 1;
      while (state.nodes.has(`node-${next}`)) next++;
      const dc = o?.datacenter ?? cfg.datacenter;
      const specs = extraNodes(count, [dc], next).map((spec) => ({
        ...spec,
        ...(o?.nodePool !== undefined ? { nodePool: o.nodePool } : {}),
        ...(o?.nodeClass !== undefined ? { nodeClass: o.nodeClass } : {}),
      }));
      return state.nodes.addMany(specs).map((r) => r.name);
    },
    setNodeStatus: (name, status, description) => {
      state.nodes.setStatus(name, status, description);
    },
    setNodeEligibility: (name, eligible) => {
      state.nodes.setEligibility(name, eligible);
    },
    drainNode: (name) => {
      state.nodes.startDrain(name);
    },
    endDrain: (name, how) => {
      state.nodes.endDrain(name, how);
    },
    removeNode: (name) => state.nodes.remove(name),
    nodeIndex: () => state.nodes.replyIndex(),
    nodeQueries: () => ({ ...state.nodes.queries }),
    rewindNodeIndex: (to) => state.nodes.rewind(to),
    openConnections: (name) => server(name).openConnections(),
    ready: async () => {
      await Promise.all([...servers.values()].map((s) => s.ready()));
    },
    close,
  };
}
