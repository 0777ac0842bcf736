/**
 * Builds the simulated agents' descriptors: names, regions and serf/rpc advertise addresses
 * (server i of region k → 127.0.<k+1>.<i>; clients 127.0.200.<i>). URLs are filled in once listening.
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
      const addr = `127.0.${k + 1}.${i}`;
      agents.push(agentOf(name, given ?? `${name}.${region}`, region, cfg.datacenter, 'server', addr));
    }
  });
  const region = cfg.regions[0] ?? 'global';
  for (let i = 1; i <= cfg.clients; i++) {
    agents.push(agentOf(`client-${i}`, '', region, cfg.datacenter, 'client', `127.0.200.${i}`));
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
): SimAgent {
  return {
    name,
    fullName,
    region,
    datacenter,
    role,
    url: '',
    addr,
    serfAddr: `${addr}:4648`,
    rpcAddr: `${addr}:4647`,
  };
}
