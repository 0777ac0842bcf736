/** Public surface of the Nomad agent API client: the factory and what its callers read of its answers. */
export { createNomadClient } from './client.js';
export { nextIndex } from './nodes.js';
export { urlUserinfo } from './options.js';
export { roleOf } from './wire-self.js';
export type { NomadClient, NomadClientOptions, NodesQuery } from './types.js';
export { EXIT, meaningOf } from './error-kinds.js';
