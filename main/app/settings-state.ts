/**
 * The app core's view of settings: the store (settings.json), the problems met while loading, the token of
 * each cluster (resolved at connect time from env / file / the secret store) and the SettingsView the window
 * sees, which carries only "set"/"not set" for tokens. Every token that passes through here is remembered so
 * the core can scrub it from anything it sends out.
 */
import { LIMITS, type SettingsView, type TokenStatus } from '../../common/ipc-contract.js';
import type { Result } from '../../common/result.js';
import type { ClusterSettings, Settings } from '../../common/settings-schema.js';
import { createSettingsStore, readTokenFile, resolveToken } from '../core/settings/index.js';
import type { AppCoreDeps } from './types.js';
import { forWindow } from './hidden-secrets.js';

/** Settings plus tokens, as the handlers use them. */
export interface SettingsState {
  current(): Settings;
  /** The clusters as configured outside the contract (settings.json or NOMAD_* at start): see secret-binding. */
  confirmed(): readonly ClusterSettings[];
  /** Resolves a cluster's token from its TokenRef (never logged). */
  tokenFor(cluster: ClusterSettings): Promise<Result<string | undefined, string>>;
  view(): Promise<SettingsView>;
  /** Writes settings.json; the error is a sentence for the window. */
  save(next: Settings): Promise<Result<Settings, string>>;
  /**
   * The user acknowledged the unusable settings.json: keep it as a backup and write the defaults. An error
   * when the file was fine (nothing to acknowledge) or could not be moved.
   */
  setAsideUnusable(): Promise<Result<Settings, string>>;
  /** Every token seen so far (for scrubbing outgoing text). */
  knownSecrets(): string[];
  remember(token: string): void;
}

/** Loads settings.json (or the NOMAD_* defaults) and returns the state; load problems are kept for the view. */
export async function loadSettingsState(
  options: Pick<AppCoreDeps, 'configDir' | 'env' | 'secrets'>,
  clock: () => number,
): Promise<SettingsState> {
  const store = createSettingsStore({ dir: options.configDir, clock, env: options.env });
  const loaded = await store.load();
  let settings = loaded.settings;
  let confirmed = loaded.settings.clusters;
  const cap = (lines: readonly string[]): string[] => lines.map((p) => p.slice(0, LIMITS.message));
  let problems = cap(loaded.problems).slice(0, 100);
  /** Shown in the window until the user acknowledges it (or fixes the file and restarts). */
  let unusable =
    loaded.unusable === undefined
      ? null
      : {
          reason: cap([loaded.unusable.reason])[0] ?? '',
          details: cap(loaded.unusable.details).slice(0, 20),
        };
  /** Every token handed out; the scrubber itself ignores short ones (MIN_SECRET_LENGTH). */
  const known = new Set<string>();
  const keychain = { get: async (id: string) => options.secrets.get(id) ?? undefined };

  const tokenFor = async (cluster: ClusterSettings): Promise<Result<string | undefined, string>> => {
    const resolved = await resolveToken(cluster.token, {
      env: options.env,
      readFile: readTokenFile,
      keychain,
      clusterId: cluster.id,
    });
    if (resolved.ok && resolved.value !== undefined) known.add(resolved.value);
    return resolved;
  };

  const tokenStatus = async (cluster: ClusterSettings): Promise<TokenStatus> => {
    if (cluster.token.source === 'none') return 'not set';
    if (cluster.token.source === 'keychain') return options.secrets.status(cluster.id);
    const resolved = await tokenFor(cluster);
    return resolved.ok && resolved.value !== undefined ? 'set' : 'not set';
  };

  return {
    current: () => settings,
    confirmed: () => confirmed,
    tokenFor,
    async view() {
      const tokens: Record<string, TokenStatus> = {};
      for (const c of settings.clusters) tokens[c.id] = await tokenStatus(c);
      return {
        settings: forWindow(settings),
        tokens,
        configDir: options.configDir.slice(0, LIMITS.url),
        problems: [...problems],
        unusableFile: unusable,
      };
    },
    async save(next) {
      const saved = await store.save(next);
      if (!saved.ok) return saved;
      settings = store.current() ?? next;
      return { ok: true, value: settings };
    },
    async setAsideUnusable() {
      if (unusable === null) return { ok: false, error: 'the settings file is fine: nothing to set aside' };
      const reset = await store.reset();
      if (!reset.ok) return reset;
      settings = reset.value;
      confirmed = reset.value.clusters; // the NOMAD_* defaults: configured outside the contract
      unusable = null;
      problems = [];
      return reset;
    },
    knownSecrets: () => [...known],
    remember: (token) => void known.add(token),
  };
}
