/** Public surface of the Nomad agent API client: the factory and what its callers read of its answers. */
export { createNomadClient } from './client.js';
export { markLeaders, regionsToAsk } from './leader.js';
export { sortMembers, toMember } from './wire.js';
export { MAX_BLOCKING_WAIT_MS, blockingWait, nextIndex } from './nodes.js';
export type {
  AutopilotHealth,
  ForceLeaveOptions,
  NomadClient,
  NomadClientOptions,
  NomadResult,
  NodesQuery,
} from './types.js';
export { EXIT, meaningOf } from './error-kinds.js';
