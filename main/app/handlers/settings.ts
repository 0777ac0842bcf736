/**
 * settings:get / save / setToken / testConnection. Tokens are write-only: they go into the secret store and
 * only "set"/"not set" ever comes back; a new token restarts that cluster's poller so it is used at once.
 */
import { err, ok } from '../../../common/result.js';
import { fromNomadError } from '../errors.js';
import type { HandlerSet } from './types.js';

export const settingsHandlers: HandlerSet<
  'settings:get' | 'settings:save' | 'settings:setToken' | 'settings:testConnection'
> = {
  'settings:get': async ({ settings }) => ok(await settings.view()),

  'settings:save': async (ctx, { settings: next }) => {
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
    let secret = token;
    if (secret !== undefined) ctx.settings.remember(secret);
    else {
      const resolved = await ctx.settings.tokenFor(cluster);
      if (!resolved.ok) return err({ kind: 'config', message: resolved.error });
      secret = resolved.value;
    }
    const tested = await ctx.engine.testConnection(cluster, secret);
    return tested.ok ? ok(tested.value) : err(fromNomadError(tested.error));
  },
};
