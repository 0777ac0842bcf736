/**
 * The first-run offer to move NOMAD_TOKEN from the app's environment into the OS keychain (desktop issue §6).
 * A desktop app started from a terminal sees NOMAD_TOKEN; started from the menu or at login it does not, and a
 * cluster whose token is `{source:'env'}` then fails. The offer is made only where the token can be kept
 * durably (a real keychain); the user's answer is remembered in a small marker file next to settings.json
 * (`env-token-offer.json`), so the settings schema shared with the CLI stays untouched.
 */
import nodeFs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../../common/result.js';
import type { ClusterSettings, Settings } from '../../common/settings-schema.js';
import { parseJsonText } from '../core/files/index.js';
import { atomicWrite, describeError, ensureDir, errorCode } from '../core/settings/index.js';

export const ENV_TOKEN_OFFER_FILE = 'env-token-offer.json';
/** The only variable offered: the one the nomad CLI reads and the first-run default cluster uses. */
export const ENV_TOKEN_VARIABLE = 'NOMAD_TOKEN';

/** What the user answered: keep the variable ('dismissed') or copied it into the keychain ('imported'). */
export type EnvTokenDecision = 'dismissed' | 'imported';

const MarkerSchema = z.object({
  version: z.literal(1),
  decision: z.enum(['dismissed', 'imported']),
  /** ISO time of the answer (for a human reading the file). */
  at: z.string().max(64),
});

/** The environment's NOMAD_TOKEN, trimmed; undefined when unset or blank. */
export function envToken(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = env[ENV_TOKEN_VARIABLE]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** True when a cluster reads its token from NOMAD_TOKEN (the ref the import switches to the keychain). */
export function usesEnvToken(cluster: ClusterSettings): boolean {
  return cluster.token.source === 'env' && cluster.token.variable === ENV_TOKEN_VARIABLE;
}

/** The settings with these clusters' token switched from NOMAD_TOKEN to the keychain. Pure. */
export function switchToKeychain(settings: Settings, clusterIds: ReadonlySet<string>): Settings {
  return {
    ...settings,
    clusters: settings.clusters.map((c) =>
      clusterIds.has(c.id) && usesEnvToken(c) ? { ...c, token: { source: 'keychain' as const } } : c,
    ),
  };
}

/**
 * Reads the remembered answer. A missing file is "not answered"; an unreadable or malformed one is also
 * treated as not answered (the worst case is one more offer) and reported in `problem` for the log.
 */
export async function readEnvTokenDecision(
  dir: string,
): Promise<{ decision: EnvTokenDecision | null; problem?: string }> {
  const file = path.join(dir, ENV_TOKEN_OFFER_FILE);
  let text: string;
  try {
    text = await nodeFs.readFile(file, 'utf8');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return { decision: null };
    return { decision: null, problem: `could not read ${file}: ${describeError(e)}` };
  }
  const json = parseJsonText(text); // not JSON: refused by the schema check below
  const parsed = MarkerSchema.safeParse(json.ok ? json.value : undefined);
  if (!parsed.success) return { decision: null, problem: `${file} is not a valid offer marker; ignored` };
  return { decision: parsed.data.decision };
}

/** Remembers the answer (atomic write, 0600, creating the config directory when needed). */
export async function writeEnvTokenDecision(
  dir: string,
  decision: EnvTokenDecision,
  now: number,
): Promise<Result<void, string>> {
  const made = await ensureDir(dir);
  if (!made.ok) return made;
  const body = { version: 1, decision, at: new Date(now).toISOString() };
  const written = await atomicWrite(path.join(dir, ENV_TOKEN_OFFER_FILE), `${JSON.stringify(body)}\n`);
  return written.ok ? ok(undefined) : err(written.error);
}
