/**
 * settings:envTokenOffer and settings:importEnvToken: the first-run offer to keep NOMAD_TOKEN in the keychain.
 * The token is read from the core's own environment and written straight into the secret store; only cluster
 * ids cross IPC, in both directions.
 */
import { err, ok } from '../../../common/result.js';
import {
  envToken,
  readEnvTokenDecision,
  switchToKeychain,
  usesEnvToken,
  writeEnvTokenDecision,
} from '../env-token-offer.js';
import { unknownCluster } from '../errors.js';
import type { HandlerContext, HandlerSet } from './types.js';

/**
 * The clusters the offer is for right now (empty: no offer). Only with 'secure' storage: in browser mode or with
 * memory-only storage there is nothing durable to import into, and the environment's token already works for
 * this run, so an offer would only add a click that changes nothing after a restart.
 */
async function currentOffer(ctx: HandlerContext): Promise<string[]> {
  const read = await readEnvTokenDecision(ctx.deps.configDir);
  if (read.problem !== undefined) ctx.deps.log?.(`env token offer: ${read.problem}`);
  if (ctx.deps.secrets.storage() !== 'secure' || read.decision !== null) return [];
  if (envToken(ctx.deps.env) === undefined) return [];
  return ctx.settings.current().clusters.flatMap((c) => (usesEnvToken(c) ? [c.id] : []));
}

export const envTokenHandlers: HandlerSet<'settings:envTokenOffer' | 'settings:importEnvToken'> = {
  'settings:envTokenOffer': async (ctx) => {
    const clusterIds = await currentOffer(ctx);
    return ok({ available: clusterIds.length > 0, clusterIds });
  },

  'settings:importEnvToken': async (ctx, { clusterIds, accept }) => {
    if (!accept) {
      const saved = await writeEnvTokenDecision(ctx.deps.configDir, 'dismissed', ctx.clock());
      if (!saved.ok)
        return err({ kind: 'internal', message: `The answer was not remembered: ${saved.error}` });
      return ok({ imported: [] });
    }
    // Same reason as the offer: without a real keychain the import would not outlive this run.
    if (ctx.deps.secrets.storage() !== 'secure') {
      return err({
        kind: 'unsupported',
        message: 'Tokens cannot be stored durably here; NOMAD_TOKEN from the environment is used as it is.',
      });
    }
    const token = envToken(ctx.deps.env);
    if (token === undefined) {
      return err({ kind: 'config', message: 'NOMAD_TOKEN is not set in the environment of Nomad Tray.' });
    }
    const wanted = [...new Set(clusterIds)];
    if (wanted.length === 0) return err({ kind: 'invalid-request', message: 'Name at least one cluster.' });
    const clusters = ctx.settings.current().clusters;
    for (const id of wanted) {
      const cluster = clusters.find((c) => c.id === id);
      if (!cluster) return err(unknownCluster(id));
      if (!usesEnvToken(cluster)) {
        return err({
          kind: 'invalid-request',
          message: `Cluster "${id}" does not read its token from NOMAD_TOKEN.`,
        });
      }
    }
    ctx.settings.remember(token);
    for (const id of wanted) {
      const stored = await ctx.deps.secrets.set(id, token);
      if (!stored.ok) return err({ kind: 'internal', message: `Token not stored: ${stored.error}` });
    }
    const saved = await ctx.settings.save(switchToKeychain(ctx.settings.current(), new Set(wanted)));
    if (!saved.ok) {
      return err({
        kind: 'internal',
        message: `The token is in the keychain but the settings were not saved (NOMAD_TOKEN is still used): ${saved.error}`,
      });
    }
    // The engine restarts every cluster whose settings changed, so the pollers pick up the keychain token.
    await ctx.applySettings();
    const marked = await writeEnvTokenDecision(ctx.deps.configDir, 'imported', ctx.clock());
    if (!marked.ok) ctx.deps.log?.(`env token offer: the answer was not remembered: ${marked.error}`);
    return ok({ imported: wanted });
  },
};
