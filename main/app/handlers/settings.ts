/**
 * settings:get / save / setToken / testConnection. Tokens are write-only: they go into the secret store and
 * only "set"/"not set" ever comes back; a new token restarts that cluster's poller so it is used at once.
 */
import { isDeepStrictEqual } from 'node:util';
import { err, ok } from '../../../common/result.js';
import type { IpcError } from '../../../common/ipc-contract.js';
import type { ClusterSettings, Settings } from '../../../common/settings-schema.js';
import { fromNomadError, sanitizeError, unknownCluster } from '../errors.js';
import { restoreHidden } from '../hidden-secrets.js';
import { checkSecretBindings } from '../secret-binding.js';
import type { HandlerSet } from './types.js';

/**
 * The saved cluster whose stored token a test connection may use: same id, addresses, token ref and TLS as the
 * request. Anything else means the page wants a token sent somewhere (or read from somewhere) not saved. Pure.
 */
export function savedTwin(saved: Settings, cluster: ClusterSettings): ClusterSettings | undefined {
  const twin = saved.clusters.find((c) => c.id === cluster.id);
  if (!twin) return undefined;
  const same =
    isDeepStrictEqual(twin.addresses, cluster.addresses) &&
    isDeepStrictEqual(twin.token, cluster.token) &&
    isDeepStrictEqual(twin.tls, cluster.tls);
  return same ? twin : undefined;
}

export const settingsHandlers: HandlerSet<
  | 'settings:get'
  | 'settings:save'
  | 'settings:setToken'
  | 'settings:testConnection'
  | 'settings:setAsideUnusableFile'
> = {
  'settings:get': async ({ settings }) => ok(await settings.view()),

  'settings:save': async (ctx, { settings: shown }) => {
    const before = ctx.settings.current();
    const next = restoreHidden(before, shown);
    const binding = checkSecretBindings(
      ctx.settings.confirmed(),
      before,
      next,
      (id) => ctx.deps.secrets.status(id) === 'set',
    );
    if (binding.refusal !== null)
      return err({ kind: 'invalid-request', message: `Settings not saved: ${binding.refusal}` });
    // Forgotten before the write: a token that could not be forgotten must not follow new addresses.
    for (const id of binding.forget) {
      const forgot = await ctx.deps.secrets.set(id, null);
      if (!forgot.ok) {
        return err({
          kind: 'internal',
          message: `Settings not saved: the stored token of cluster "${id}" could not be forgotten (${forgot.error}), and it may not follow the cluster to other addresses.`,
        });
      }
    }
    const saved = await ctx.settings.save(next);
    if (!saved.ok) return err({ kind: 'invalid-request', message: `Settings not saved: ${saved.error}` });
    const wantAutostart = saved.value.global.startAtLogin;
    if (ctx.deps.autostart && wantAutostart !== before.global.startAtLogin) {
      const done = await ctx.deps.autostart.setEnabled(wantAutostart);
      if (!done.ok) ctx.deps.log?.(`autostart: ${done.error}`);
    }
    await ctx.applySettings();
    return ok(await ctx.settings.view());
  },

  'settings:setAsideUnusableFile': async (ctx) => {
    const done = await ctx.settings.setAsideUnusable();
    if (!done.ok)
      return err({ kind: 'invalid-request', message: `Settings file not set aside: ${done.error}` });
    await ctx.applySettings();
    return ok(await ctx.settings.view());
  },

  'settings:setToken': async (ctx, { clusterId, token }) => {
    if (!ctx.settings.current().clusters.some((c) => c.id === clusterId))
      return err(unknownCluster(clusterId));
    const stored = await ctx.deps.secrets.set(clusterId, token);
    if (!stored.ok) return err({ kind: 'internal', message: `Token not stored: ${stored.error}` });
    // Remembered (for scrubbing) only once it is really kept: a typed guess must not redact ordinary text.
    if (token !== null) ctx.settings.remember(token);
    // The engine re-resolves the token on restart, so the new one is used at once.
    const restarted = ctx.engine.restart(clusterId);
    if (!restarted.ok) ctx.deps.log?.(`restart of cluster ${clusterId}: ${restarted.error.message}`);
    ctx.emit('settings:changed', await ctx.settings.view());
    return ok({
      status: ctx.deps.secrets.status(clusterId),
      storage: ctx.deps.secrets.storage() === 'secure' ? 'secure' : 'memory-only',
    });
  },

  'settings:testConnection': async (ctx, { cluster, token }) => {
    // A stored / env / file token is only ever sent where the saved settings already send it.
    let secret = token;
    const saved = ctx.settings.current();
    const twin = savedTwin(saved, cluster);
    if (twin && secret === undefined) {
      const resolved = await ctx.settings.tokenFor(twin);
      if (!resolved.ok) return err({ kind: 'config', message: resolved.error });
      secret = resolved.value;
    }
    // Environment references (basic auth, client key) are read only for the saved cluster they belong to.
    const { httpAuthRef: _auth, ...rest } = cluster;
    const { clientKeyRef: _key, ...tls } = cluster.tls;
    const probe = twin ? { ...cluster, httpAuthRef: twin.httpAuthRef } : { ...rest, tls };
    const tested = await ctx.engine.testConnection(probe, secret);
    if (tested.ok) return ok(tested.value);
    const error = sanitizeError(fromNomadError(tested.error), token === undefined ? [] : [token]);
    const known = cluster.addresses.every((a) => saved.clusters.some((c) => c.addresses.includes(a)));
    if (error.kind === 'config' && unsavedFiles(saved, cluster).length > 0) return err(FILES_NOT_SAVED);
    return err(known ? error : withoutAnswer(error));
  },
};

/**
 * TLS files named by a test connection that no saved cluster names: why such a file could not be used (missing,
 * a FIFO, a device, too big) is not told to the caller, who must not probe this machine's files through the app.
 */
export function unsavedFiles(saved: Settings, cluster: ClusterSettings): string[] {
  const savedFiles = new Set(
    saved.clusters.flatMap((c) => [c.tls.caCert, c.tls.clientCert, c.tls.clientKey]),
  );
  return [cluster.tls.caCert, cluster.tls.clientCert, cluster.tls.clientKey].filter(
    (f): f is string => f !== undefined && !savedFiles.has(f),
  );
}

const FILES_NOT_SAVED: IpcError = {
  kind: 'config',
  message:
    'These settings could not be used. They name a TLS file that is not saved yet: save the cluster to see why.',
};

/**
 * An error from an address no saved cluster uses: its kind and status only. Whoever calls the contract must
 * not use the app to read what arbitrary hosts (intranet, cloud metadata) answer.
 */
export function withoutAnswer(error: IpcError): IpcError {
  if (error.status === undefined && error.body === undefined && error.kind !== 'invalid-response')
    return error;
  const out: IpcError = {
    kind: error.kind,
    message: `The address answered${error.status === undefined ? '' : ` ${error.status}`} (${error.kind}); what it said is shown once the address is saved.`,
  };
  if (error.status !== undefined) out.status = error.status;
  return out;
}
