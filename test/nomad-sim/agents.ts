/**
 * Builds the simulated agents' descriptors: names, regions and serf/rpc advertise addresses
 * (server i of region k → 127.0.<k+1>.<i>; clients 127.0.200.<i>; with sharedIp all servers of a region on
 * 127.0.<k+1>.1 with ports 4648/4647 + 10·(i-1); with advertiseAny 0.0.0.0). URLs are filled in once listening.
 */
import type { ClusterConfig } from './cluster.js';
import type { SimAgent } from './types.js';

/** Builds the agent descriptors: servers 127.0.<k+1>.<i>, clients 127.0.200.<i>. URLs are filled in later. */
export function buildAgents(cfg: ClusterConfig): SimAgent[] {
  const agents: SimAgent[] = [];
  cfg.regions.forEach((region, k) => {
    for (let i = 1; i <= cfg.serversPerRegion; i++) {
      const given = cfg.serverNames[agents.length];
      const usual = k === 0 ? `server-${i}` : `${region}-server-${i}`;
      const name = given === undefined ? usual : given.split('.')[0] || given;
      const addr = cfg.advertiseAny ? '0.0.0.0' : cfg.sharedIp ? `127.0.${k + 1}.1` : `127.0.${k + 1}.${i}`;
      const shift = cfg.sharedIp ? (i - 1) * 10 : 0;
      const a = agentOf(name, given ?? `${name}.${region}`, region, cfg.datacenter, 'server', addr, shift);
      a.alsoClient = cfg.bothRoles;
      agents.push(a);
    }
  });
  const region = cfg.regions[0] ?? 'global';
  for (let i = 1; i <= cfg.clients; i++) {
    agents.push(agentOf(`client-${i}`, '', region, cfg.datacenter, 'client', `127.0.200.${i}`, 0));
  }
  return agents;
}

function agentOf(
  name: string,
  fullName: string,
  region: string,
  datacenter: string,
  role: 'server' | 'client',
  addr: string,
  portShift: number,
): SimAgent {
  const serfPort = 4648 + portShift;
  const rpcPort = 4647 + portShift;
  return {
    name,
    fullName,
    region,
    datacenter,
    role,
    alsoClient: false,
    url: '',
    addr,
    serfPort,
    rpcPort,
    serfAddr: `${addr}:${serfPort}`,
    rpcAddr: `${addr}:${rpcPort}`,
  };
}
