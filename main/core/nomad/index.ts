/** Public surface of the Nomad agent API client: the factory, env/option helpers and address validators. */
export { createNomadClient } from './client.js';
export {
  optionsFromEnv,
  parseGoBool,
  DEFAULT_ADDRESS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
} from './options.js';
export {
  joinHostPort,
  normaliseBaseUrl,
  parseJoinAddress,
  parseServerAddress,
  redactUserinfo,
  DEFAULT_RPC_PORT,
  DEFAULT_SERF_PORT,
} from './addresses.js';
export type { HostPort } from './addresses.js';
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
