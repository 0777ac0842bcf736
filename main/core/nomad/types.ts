/**
 * The Nomad agent API client's public shape. Implemented by client.ts (createNomadClient); consumed by the
 * poller, the CLI and the desktop handlers. Every call returns a Result value and never throws.
 */
import type { Result } from '../../../common/result.js';
import type {
  AgentHealth,
  AgentSelf,
  JoinResult,
  MembersView,
  NodesPage,
  NomadError,
} from '../../../common/nomad-domain.js';
import type { z } from 'zod';
import type { AutopilotSchema } from './wire.js';

export type NomadResult<T> = Promise<Result<T, NomadError>>;

/** Options for one cluster's client. Mirrors the nomad CLI's flags / NOMAD_* variables (api.DefaultConfig). */
export interface NomadClientOptions {
  /** http:// or https:// base URL; userinfo becomes HTTP basic auth. */
  address: string;
  /** ACL secret, sent as X-Nomad-Token. Never logged. */
  token?: string;
  region?: string;
  namespace?: string;
  /** `user[:password]` (NOMAD_HTTP_AUTH). */
  httpAuth?: string;
  /** CA: a PEM file path, a directory of PEM files, or inline PEM text. */
  caCert?: string;
  caPath?: string;
  /** Client certificate + key (mTLS), file paths or inline PEM; one without the other is a config error. */
  clientCert?: string;
  clientKey?: string;
  /** SNI and verification name, e.g. server.global.nomad. */
  tlsServerName?: string;
  tlsSkipVerify?: boolean;
  /** Defaults ~5 s each. */
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Response size cap in bytes (default 4 MiB). */
  maxResponseBytes?: number;
}

/** A `/v1/nodes` request: blocking when `index` > 0. */
export interface NodesQuery {
  /** Wait until the nodes table's index passes this (X-Nomad-Index of the last answer); 0 answers at once. */
  index?: number;
  /** How long Nomad may hold a blocking query (default and cap 300 s; Nomad adds up to 1/16 jitter). */
  waitMs?: number;
  /** Any server may answer (a follower during a leader election), not only the leader. */
  stale?: boolean;
  /** A Nomad filter expression, passed through. */
  filter?: string;
  /** Page size; the answer's `nextToken` then names the next page (`X-Nomad-NextToken`). */
  perPage?: number;
  nextToken?: string;
}

/** Autopilot health (200 healthy, 429 unhealthy: both are values), as wire.ts maps it. */
export type AutopilotHealth = z.output<typeof AutopilotSchema>;

/** One cluster's agent API. One undici dispatcher per client; `close()` releases it. */
export interface NomadClient {
  /** The normalised base URL (no userinfo, no trailing slash). */
  readonly address: string;
  /** `/v1/agent/members` + leader per region, sorted by region, datacenter, name. */
  members(signal?: AbortSignal): NomadResult<MembersView>;
  /** `GET /v1/agent/servers` (client agents only; `wrong-role` on servers). */
  servers(signal?: AbortSignal): NomadResult<string[]>;
  /** `PUT /v1/agent/servers?address=…` (replaces the client's server list). */
  setServers(addresses: readonly string[], signal?: AbortSignal): NomadResult<void>;
  self(signal?: AbortSignal): NomadResult<AgentSelf>;
  join(addresses: readonly string[], signal?: AbortSignal): NomadResult<JoinResult>;
  /** Takes the FULL serf name (`name.region`); Nomad answers 200 even for unknown names. */
  forceLeave(node: string, options?: { prune?: boolean }, signal?: AbortSignal): NomadResult<void>;
  /** `/v1/agent/health`: a 500 with health JSON is a value (ok:false entries), not an error. */
  health(signal?: AbortSignal): NomadResult<AgentHealth>;
  /** `/v1/status/leader?region=R`: address, or null when Nomad answers "" (stale, no leader). */
  leader(region?: string, signal?: AbortSignal): NomadResult<string | null>;
  peers(region?: string, signal?: AbortSignal): NomadResult<string[]>;
  regions(signal?: AbortSignal): NomadResult<string[]>;
  autopilotHealth(signal?: AbortSignal): NomadResult<AutopilotHealth>;
  /** `/v1/nodes` (node:read): client nodes plus X-Nomad-Index; blocking with `query.index` (see NodesQuery). */
  nodes(query?: NodesQuery, signal?: AbortSignal): NomadResult<NodesPage>;
  close(): Promise<void>;
}
