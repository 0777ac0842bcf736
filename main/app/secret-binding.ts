/**
 * Which addresses a local secret may be sent to when the settings come from a caller of the contract (the
 * window, the browser-mode page). Such a caller may be hostile (a compromised renderer, anyone holding the
 * browser-mode bearer token), so it must never be able to direct a secret it does not know to an address of
 * its choosing:
 *
 * - Secrets read from this machine (a token from an environment variable or a file, HTTP basic auth, a
 *   `user:pass@` address) stay bound to the addresses they were configured with OUTSIDE the contract (the
 *   settings file or the environment, as loaded at start). A save that pairs such a secret with any other
 *   address is refused with a sentence saying where to change it; removing addresses is fine.
 * - A token kept in the secret store (typed into the window) is bound to the addresses its cluster had when
 *   it was stored. A save that gives that cluster other addresses (or removes it) forgets the stored token:
 *   it must be typed again, like a browser forgets a saved password when the site changes.
 *
 * Pure: the caller applies the result.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ClusterSettings, Settings } from '../../common/settings-schema.js';

/** What a save from the contract may do with the secrets its clusters name. */
export interface BindingCheck {
  /** Why the save is refused (one sentence), or null. */
  refusal: string | null;
  /** Clusters whose stored (secret-store) token must be forgotten before the save is written. */
  forget: string[];
}

/** True when `address` carries `user:pass@` (HTTP basic auth credentials). */
export function hasUserinfo(address: string): boolean {
  try {
    const url = new URL(address.trim());
    return url.username !== '' || url.password !== '';
  } catch {
    // Not a URL: look for an "@" before the path, which is where credentials would sit.
    return /^[^/]*\/\/[^/]*@/.test(address);
  }
}

/** The local secrets a cluster sends with every request (empty: none), named for the user. */
export function localSecrets(cluster: ClusterSettings): string[] {
  const out: string[] = [];
  if (cluster.token.source === 'env') out.push(`its token (environment variable ${cluster.token.variable})`);
  if (cluster.token.source === 'file') out.push(`its token (file ${cluster.token.path})`);
  if (cluster.httpAuth !== undefined && cluster.httpAuth !== '') out.push('its HTTP basic auth');
  if (cluster.httpAuthRef !== undefined)
    out.push(`its HTTP basic auth (environment variable ${cluster.httpAuthRef.variable})`);
  if (cluster.tls.clientKeyRef !== undefined)
    out.push(`its client key (environment variable ${cluster.tls.clientKeyRef.variable})`);
  if (cluster.addresses.some(hasUserinfo)) out.push('the user:password in its address');
  return out;
}

const within = (addresses: readonly string[], allowed: readonly string[]): boolean =>
  addresses.every((a) => allowed.includes(a));

/** A confirmed cluster that already sends exactly these secrets to (at least) these addresses. */
function confirmedPairing(
  confirmed: readonly ClusterSettings[],
  cluster: ClusterSettings,
): ClusterSettings | undefined {
  const localToken = cluster.token.source === 'env' || cluster.token.source === 'file';
  return confirmed.find(
    (c) =>
      (!localToken || isDeepStrictEqual(c.token, cluster.token)) &&
      (c.httpAuth ?? '') === (cluster.httpAuth ?? '') &&
      isDeepStrictEqual(c.httpAuthRef, cluster.httpAuthRef) &&
      isDeepStrictEqual(c.tls.clientKeyRef, cluster.tls.clientKeyRef) &&
      within(cluster.addresses, c.addresses),
  );
}

/**
 * Checks a save from the contract. `confirmed`: the clusters as configured outside the contract (loaded at
 * start); `saved`: the settings in force now; `next`: what the caller wants saved; `stored(id)`: whether the
 * secret store holds a token for that cluster.
 */
export function checkSecretBindings(
  confirmed: readonly ClusterSettings[],
  saved: Settings,
  next: Settings,
  stored: (clusterId: string) => boolean,
): BindingCheck {
  for (const cluster of next.clusters) {
    const secrets = localSecrets(cluster);
    if (secrets.length === 0 || confirmedPairing(confirmed, cluster) !== undefined) continue;
    return {
      refusal:
        `cluster "${cluster.id}": ${secrets.join(' and ')} may only be sent to the addresses set for it in ` +
        `settings.json or the NOMAD_* environment; change addresses or these secrets there, or use a token ` +
        `stored by Nomad Tray (typed in Settings) instead.`,
      forget: [],
    };
  }
  const forget: string[] = [];
  const nextById = new Map(next.clusters.map((c) => [c.id, c]));
  const savedById = new Map(saved.clusters.map((c) => [c.id, c]));
  for (const id of new Set([...savedById.keys(), ...nextById.keys()])) {
    if (!stored(id)) continue;
    const before = savedById.get(id);
    const after = nextById.get(id);
    const keeps =
      before !== undefined &&
      after !== undefined &&
      before.token.source === 'keychain' &&
      after.token.source === 'keychain' &&
      within(after.addresses, before.addresses);
    if (!keeps) forget.push(id);
  }
  return { refusal: null, forget };
}
