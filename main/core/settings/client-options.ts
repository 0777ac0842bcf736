/** Maps one cluster's settings (plus its resolved token) to the Nomad client's options. Pure. */
import type { ClusterSettings } from '../../../common/settings-schema.js';
import type { NomadClientOptions } from '../nomad/index.js';

/**
 * Client options for the cluster's address at `addressIndex` (wrapping around, so a poller can simply count
 * failovers). Only settings that are set become options, so the client's own defaults stay in charge.
 * `timeoutMs`, when given, bounds connecting, the headers and the body alike (the app's and the CLI's choice).
 */
export function clientOptionsFor(
  cluster: ClusterSettings,
  token: string | undefined,
  addressIndex: number,
  timeoutMs?: number,
): NomadClientOptions {
  const count = cluster.addresses.length;
  const index = ((Math.trunc(addressIndex) % count) + count) % count;
  const options: NomadClientOptions = { address: cluster.addresses[index] ?? cluster.addresses[0] ?? '' };
  if (token !== undefined && token !== '') options.token = token;
  if (cluster.region !== undefined) options.region = cluster.region;
  if (cluster.namespace !== undefined) options.namespace = cluster.namespace;
  if (cluster.httpAuth !== undefined) options.httpAuth = cluster.httpAuth;
  const tls = cluster.tls;
  if (tls.caCert !== undefined) options.caCert = tls.caCert;
  if (tls.caPath !== undefined) options.caPath = tls.caPath;
  if (tls.clientCert !== undefined) options.clientCert = tls.clientCert;
  if (tls.clientKey !== undefined) options.clientKey = tls.clientKey;
  if (tls.serverName !== undefined) options.tlsServerName = tls.serverName;
  if (tls.skipVerify) options.tlsSkipVerify = true;
  if (timeoutMs !== undefined) {
    options.connectTimeoutMs = timeoutMs;
    options.headersTimeoutMs = timeoutMs;
    options.bodyTimeoutMs = timeoutMs;
  }
  return options;
}
