/**
 * A cluster's ACL token as the engine holds it. Resolving it (env, file, keychain) may fail or go stale: a token
 * file missing at startup may appear later, Vault Agent rotates token files, the keychain entry is replaced from
 * the window. So a failed resolution is never kept (the next poll tries again), a file token is re-read every
 * TOKEN_REFRESH_MS, and a 403 asks for a re-read (at most once per TOKEN_RECHECK_MS, never a loop of reads).
 */
import { err, type Result } from '../../../common/result.js';
import type { ClusterSettings } from '../../../common/settings-schema.js';

/** How often a file token is re-read even without a 403 (Vault Agent rotates on its own schedule). */
export const TOKEN_REFRESH_MS = 3 * 60_000;
/** Minimum gap between two re-reads asked for by a 403 (a token that stays refused is not re-read every poll). */
export const TOKEN_RECHECK_MS = 30_000;

export type TokenResult = Result<string | undefined, string>;

/**
 * The token of one cluster, resolved lazily and kept only while it is good and fresh; `now` is the engine's
 * clock, `resolve` the app's token resolver.
 */
export function createTokenHolder(
  settings: ClusterSettings,
  resolve: (cluster: ClusterSettings) => Promise<TokenResult>,
  now: () => number,
) {
  let kept: { value: Promise<TokenResult>; at: number } | null = null;
  let lastRecheck = -Infinity;
  const isFile = settings.token.source === 'file';

  function start(): Promise<TokenResult> {
    const value: Promise<TokenResult> = resolve(settings)
      .catch((e: unknown) => err(`cluster ${settings.id}: could not resolve its token: ${String(e)}`))
      .then((r) => {
        // Never keep a failure: the next poll tries again.
        if (!r.ok && kept?.value === value) kept = null;
        return r;
      });
    kept = { value, at: now() };
    return value;
  }

  return {
    /** The current token: resolved again when none is kept, the last try failed, or a file token is stale. */
    current(): Promise<TokenResult> {
      if (kept !== null && isFile && now() - kept.at >= TOKEN_REFRESH_MS) kept = null;
      return kept?.value ?? start();
    },
    /** The agent refused the token (403): re-resolve on the next current() unless one was asked for recently. */
    refused(): void {
      const t = now();
      if (t - lastRecheck < TOKEN_RECHECK_MS) return;
      lastRecheck = t;
      kept = null;
    },
    clear(): void {
      kept = null;
    },
  };
}
