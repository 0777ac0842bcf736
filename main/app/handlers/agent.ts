/** agent:self, agent:servers, agent:setServers: the connected agent's own view. */
import { err, ok } from '../../../common/result.js';
import { fromEngineError } from '../errors.js';
import type { HandlerSet } from './types.js';

export const agentHandlers: HandlerSet<'agent:self' | 'agent:servers' | 'agent:setServers'> = {
  'agent:self': async ({ engine }, { clusterId }) => {
    const self = await engine.self(clusterId);
    return self.ok
      ? ok({ self: self.value.value, address: self.value.address })
      : err(fromEngineError(self.error));
  },

  'agent:servers': async ({ engine }, { clusterId }) => {
    const servers = await engine.servers(clusterId);
    return servers.ok ? ok(servers.value.value) : err(fromEngineError(servers.error));
  },

  'agent:setServers': async ({ engine }, { clusterId, addresses }) => {
    const set = await engine.setServers(clusterId, addresses);
    return set.ok
      ? ok({ servers: set.value.value.after, address: set.value.address })
      : err(fromEngineError(set.error));
  },
};
