/**
 * What every CLI command needs: the config directory, the settings (same file as the desktop app), the clusters
 * a command targets (configured ones, or one ad hoc cluster from --address / NOMAD_* like the nomad CLI), tokens
 * and client factories with timeouts suited to the poll interval.
 */
import os from 'node:os';
import { err, ok, type Result } from '../../common/result.js';
import type { ClusterSettings, Settings } from '../../common/settings-schema.js';
import type { ClientFactory } from '../core/engine/index.js';
import { normaliseBaseUrl } from '../../common/addresses.js';
import { createNomadClient, EXIT } from '../core/nomad/index.js';
import {
  clientOptionsFor,
  requestTimeoutMs,
  configDir,
  createSettingsStore,
  defaultSettings,
  nameFromAddress,
  readTokenFile,
  resolveToken,
  withEnvSecrets,
} from '../core/settings/index.js';
import type { UnusableFile } from '../core/settings/index.js';
import type { CliArgs } from './args.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface CliContext {
  dir: string;
  settings: Settings;
  /** Clusters the command works on (enabled ones, the --cluster one, or the ad hoc one). */
  targets: ClusterSettings[];
  /** Tokens given on the command line for ad hoc clusters (never written anywhere). */
  tokenFor: (cluster: ClusterSettings) => Promise<Result<string | undefined, string>>;
}

/** A client factory over the real Nomad client; `intervalMs`: the shortest watch interval (requestTimeoutMs). */
export function cliClientFactory(intervalMs?: number): ClientFactory {
  const timeoutMs = requestTimeoutMs(intervalMs);
  return (cluster, index, token) => createNomadClient(clientOptionsFor(cluster, token, index, timeoutMs));
}

/** The ad hoc cluster of `--address` (NOMAD_* variables fill what flags leave out). */
function adHocCluster(args: CliArgs, env: Env): ClusterSettings {
  const base = defaultSettings(env).settings.clusters[0];
  const c = args.conn;
  const tls = { ...(base?.tls ?? { skipVerify: false }) };
  if (c.caCert !== undefined) tls.caCert = c.caCert;
  if (c.clientCert !== undefined) tls.clientCert = c.clientCert;
  if (c.clientKey !== undefined) tls.clientKey = c.clientKey;
  if (c.tlsServerName !== undefined) tls.serverName = c.tlsServerName;
  if (c.tlsSkipVerify) tls.skipVerify = true;
  const cluster: ClusterSettings = {
    id: 'adhoc',
    name: nameFromAddress(c.addresses[0] ?? ''),
    addresses: c.addresses,
    tls,
    token: base?.token ?? { source: 'none' },
    pollIntervalMs: 10_000,
    enabled: true,
    notifications: { muted: false, only: [], never: [] },
  };
  const region = c.region ?? base?.region;
  if (region !== undefined) cluster.region = region;
  if (base?.namespace !== undefined) cluster.namespace = base.namespace;
  // NOMAD_HTTP_AUTH applies to any address; NOMAD_ADDR's user:password only to NOMAD_ADDR itself.
  if (base?.httpAuthRef?.variable === 'NOMAD_HTTP_AUTH') cluster.httpAuthRef = base.httpAuthRef;
  return cluster;
}

/** The config directory: --config, else NOMAD_TRAY_CONFIG_DIR, else the desktop app's own directory. */
export function resolveConfigDir(args: CliArgs, env: Env): string {
  return args.configDir ?? configDir(env, process.platform, os.homedir());
}

/** The one line for a settings file that cannot be used: what is wrong, its first issue, nothing changed. */
export function unusableSettingsLine(unusable: UnusableFile): string {
  const first = unusable.details[0];
  const more = unusable.details.length > 1 ? ` (+${unusable.details.length - 1} more)` : '';
  const what = first === undefined ? unusable.reason : `${unusable.reason}: ${first}${more}`;
  return `${what}; nothing was changed and no cluster was polled: fix the file, or use --address URL`;
}

/** A NOMAD_ADDR the targets use that is not a URL (no scheme): the one line saying how to write it. */
function badNomadAddr(env: Env, targets: readonly ClusterSettings[]): string | null {
  const value = env['NOMAD_ADDR'];
  if (value === undefined || !targets.some((c) => c.addresses.includes(value))) return null;
  if (normaliseBaseUrl(value).ok) return null;
  // Never the password: "user:pass@host" loses everything up to its "@".
  const shown = value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, '$1***@');
  const hostPort = shown.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^\*\*\*@/, '');
  return `NOMAD_ADDR "${shown}" is not a URL: write it with its scheme, e.g. http://${hostPort} or https://${hostPort}`;
}

/**
 * Loads settings read-only (a CLI command never moves, rewrites or cleans anything in the config directory)
 * and works out the targets. A settings file that cannot be used stops the command (exit 78) rather than
 * polling some other cluster, unless --address names the cluster.
 */
export async function loadContext(
  args: CliArgs,
  env: Env,
  log: (line: string) => void,
): Promise<Result<CliContext, { message: string; exit: number }>> {
  const dir = resolveConfigDir(args, env);
  const store = createSettingsStore({ dir, clock: Date.now, env, readOnly: true });
  const loaded = await store.load();
  const adHoc = args.conn.addresses.length > 0;
  if (loaded.unusable !== undefined) {
    const line = unusableSettingsLine(loaded.unusable);
    if (!adHoc) return err({ message: line, exit: EXIT.config });
    log(`settings: ${line.split(';')[0] ?? line}; ignored for --address`);
  } else for (const p of loaded.problems) log(`settings: ${p}`);
  const settings = loaded.settings;
  const sources = { env, readFile: readTokenFile };
  const tokenFor: CliContext['tokenFor'] = async (cluster) => {
    if (args.conn.token !== undefined) return ok(args.conn.token);
    return resolveToken(cluster.token, { ...sources, clusterId: cluster.id });
  };
  let targets: ClusterSettings[];
  if (adHoc) targets = [adHocCluster(args, env)];
  else if (args.cluster !== undefined) {
    const found = settings.clusters.find((c) => c.id === args.cluster || c.name === args.cluster);
    if (!found) {
      const known = settings.clusters.map((c) => c.id).join(', ');
      const message = `no cluster "${args.cluster}" in ${store.path}${known ? ` (known: ${known})` : ''}`;
      return err({ message, exit: EXIT.usage });
    }
    targets = [{ ...found, enabled: true }];
  } else targets = settings.clusters.filter((c) => c.enabled);
  const badEnv = badNomadAddr(env, targets);
  if (badEnv !== null) return err({ message: badEnv, exit: EXIT.usage });
  if (targets.length === 0)
    return err({ message: `no enabled cluster in ${store.path}; use --address URL`, exit: EXIT.usage });
  targets = targets.map((c) => withEnvSecrets(c, env));
  return ok({ dir, settings, targets, tokenFor });
}
