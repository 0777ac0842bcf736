/** Maps one cluster's settings (plus its resolved token) to the Nomad client's options. Pure. */
import type { ClusterSettings } from '../../../common/settings-schema.js';
import type { NomadClientOptions } from '../nomad/index.js';
import { stripUndefined } from './defaults.js';

/**
 * Client options for the cluster's address at `addressIndex` (wrapping around, so a poller can simply count
 * failovers). Only settings that are set become options, so the client's own defaults stay in charge.
 * `timeoutMs`, when given, bounds connecting, the headers and the body alike (the app and the CLI pass
 * requestTimeoutMs).
 */
export function clientOptionsFor(
  cluster: ClusterSettings,
  token: string | undefined,
  addressIndex: number,
  timeoutMs?: number,
): NomadClientOptions {
  const count = cluster.addresses.length;
  const index = ((Math.trunc(addressIndex) % count) + count) % count;
  const { tls } = cluster;
  return stripUndefined({
    address: cluster.addresses[index] ?? cluster.addresses[0] ?? '',
    token: token === '' ? undefined : token,
    region: cluster.region,
    namespace: cluster.namespace,
    httpAuth: cluster.httpAuth,
    caCert: tls.caCert,
    caPath: tls.caPath,
    clientCert: tls.clientCert,
    clientKey: tls.clientKey,
    tlsServerName: tls.serverName,
    tlsSkipVerify: tls.skipVerify ? true : undefined,
    connectTimeoutMs: timeoutMs,
    headersTimeoutMs: timeoutMs,
    bodyTimeoutMs: timeoutMs,
  });
}

/**
 * The per-request timeout for polling every `pollIntervalMs`: 5 s like the nomad CLI, shorter for fast intervals
 * (3 × the interval, at least 1 s), so a hung agent costs at most a few rounds. No interval (a one-shot command): 5 s.
 */
export function requestTimeoutMs(pollIntervalMs?: number): number {
  return pollIntervalMs === undefined ? 5_000 : Math.min(5_000, Math.max(1_000, pollIntervalMs * 3));
}
