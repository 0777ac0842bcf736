/**
 * The client's view of address parsing. The logic lives once in common/addresses.ts (shared with the window
 * and the CLI, free of Node imports); this module re-exports it under the names the client, the CLI and their
 * tests already use, so nothing importing `./addresses.js` had to change.
 */
import type { ParsedAddress } from '../../../common/addresses.js';

export {
  DEFAULT_RPC_PORT,
  DEFAULT_SERF_PORT,
  isIPv4,
  isIPv6,
  isIPv6 as isIpv6,
  isHostname,
  joinHostPort,
  normaliseBaseUrl,
  parseAddress,
  parseAddress as parseHostPort,
  parseJoinAddress,
  parseServerAddress,
  redactUserinfo,
  splitAddressList,
} from '../../../common/addresses.js';
export type { ParsedAddress } from '../../../common/addresses.js';

/** A validated `host:port` target (`address` is what is sent to Nomad). */
export type HostPort = ParsedAddress;
