/**
 * settings:get / save / setToken / testConnection. Tokens are write-only: they go into the secret store and
 * only "set"/"not set" ever comes back; a new token restarts that cluster's poller so it is used at once.
 */
import { isDeepStrictEqual } from 'node:util';
import { err, ok } from '../../../common/result.js';
import type { ClusterSettings, Settings } from '../../../common/settings-schema.js';
import { fromNomadError, sanitizeError } from '../errors.js';
import type { HandlerSet } from './types.js';

/** Only NOMAD_* variables may be named as a token source: the poller sends the value as X-Nomad-Token. */
const ENV_TOKEN_PREFIX = 'NOMAD_';

/** Why `next` may not be saved (a sentence), or null. Main-side rule on top of the schema. Pure. */
export function settingsRefusal(next: Settings): string | null {
  for (const c of next.clusters) {
    if (c.token.source === 'env' && !c.token.variable.startsWith(ENV_TOKEN_PREFIX)) {
      return `cluster "${c.id}": a token from the environment must come from a variable whose name starts with ${ENV_TOKEN_PREFIX} (got "${c.token.variable.slice(0, 64)}").`;
    }
  }
  return null;
}

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

  'settings:save': async (ctx, { settings: next }) => {
    const refusal = settingsRefusal(next);
    if (refusal !== null) return err({ kind: 'invalid-request', message: `Settings not saved: ${refusal}` });
    const before = ctx.settings.current();
    const saved = await ctx.settings.save(next);
    if (!saved.ok) return err({ kind: 'invalid-request', message: `Settings not saved: ${saved.error}` });
    const wantAutostart = saved.value.global.startAtLogin;
    if (ctx.deps.autostart && wantAutostart !== before.global.startAtLogin) {
      try {
        await ctx.deps.autostart.set(wantAutostart);
      } catch (e) {
        ctx.deps.log?.(`autostart: ${e instanceof Error ? e.message : String(e)}`);
      }
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
    const cluster = ctx.settings.current().clusters.find((c) => c.id === clusterId);
    if (!cluster) return err({ kind: 'unknown-cluster', message: `No cluster with id "${clusterId}".` });
    if (token !== null) ctx.settings.remember(token);
    const stored = await ctx.deps.secrets.set(clusterId, token);
    if (!stored.ok) return err({ kind: 'internal', message: `Token not stored: ${stored.error}` });
    ctx.restartCluster(cluster);
    ctx.emit('settings:changed', await ctx.settings.view());
    return ok({
      status: ctx.deps.secrets.status(clusterId),
      storage: ctx.deps.secrets.storage() === 'secure' ? 'secure' : 'memory-only',
    });
  },

  'settings:testConnection': async (ctx, { cluster, token }) => {
    // A stored / env / file token is only ever sent where the saved settings already send it.
    let secret = token;
    const twin = secret === undefined ? savedTwin(ctx.settings.current(), cluster) : undefined;
    if (twin) {
      const resolved = await ctx.settings.tokenFor(twin);
      if (!resolved.ok) return err({ kind: 'config', message: resolved.error });
      secret = resolved.value;
    }
    const tested = await ctx.engine.testConnection(cluster, secret);
    // A typed token is remembered (for scrubbing) only once it proved to be a real one.
    if (token !== undefined && tested.ok) ctx.settings.remember(token);
    if (tested.ok) return ok(tested.value);
    return err(sanitizeError(fromNomadError(tested.error), token === undefined ? [] : [token]));
  },
};
