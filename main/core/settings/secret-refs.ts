/**
 * Fills a cluster's environment references (httpAuthRef, tls.clientKeyRef) with their values, at connect time
 * and only in the process that connects: the result goes to the Nomad client, never to settings.json or the
 * window. A literal httpAuth / clientKey in settings.json wins. Pure.
 */
import type { ClusterSettings, EnvSecretRef } from '../../../common/settings-schema.js';
import { urlUserinfo } from '../nomad/index.js';
import type { ConfigEnv } from './paths.js';

/** The variable's value; for NOMAD_ADDR (a URL) its decoded `user:password`. */
function readEnvSecret(ref: EnvSecretRef, env: ConfigEnv): string | undefined {
  const raw = env[ref.variable]?.trim();
  if (raw === undefined || raw === '') return undefined;
  return ref.variable === 'NOMAD_ADDR' ? (urlUserinfo(raw) ?? undefined) : raw;
}

/** The cluster as the Nomad client needs it: references replaced by the secrets they name. */
export function withEnvSecrets(cluster: ClusterSettings, env: ConfigEnv): ClusterSettings {
  let out = cluster;
  if (cluster.httpAuth === undefined && cluster.httpAuthRef !== undefined) {
    const value = readEnvSecret(cluster.httpAuthRef, env);
    if (value !== undefined) out = { ...out, httpAuth: value };
  }
  if (cluster.tls.clientKey === undefined && cluster.tls.clientKeyRef !== undefined) {
    const value = readEnvSecret(cluster.tls.clientKeyRef, env);
    if (value !== undefined) out = { ...out, tls: { ...out.tls, clientKey: value } };
  }
  return out;
}
