/**
 * The settings used when there is no settings file: one cluster built from the NOMAD_* variables the nomad CLI
 * honours (`DefaultConfig` in Nomad's api/api.go), or Nomad's default address http://127.0.0.1:4646 when none
 * is set.
 */
import { SETTINGS_SCHEMA_VERSION, SettingsSchema } from '../../../common/settings-schema.js';
import type { ConfigEnv } from './paths.js';

/** Nomad's default agent address (api.DefaultConfig). */
export const NOMAD_DEFAULT_ADDRESS = 'http://127.0.0.1:4646';

/** The NOMAD_* variables that shape the default cluster. */
export const NOMAD_ENV_VARS = [
  'NOMAD_ADDR',
  'NOMAD_TOKEN',
  'NOMAD_REGION',
  'NOMAD_NAMESPACE',
  'NOMAD_HTTP_AUTH',
  'NOMAD_CACERT',
  'NOMAD_CAPATH',
  'NOMAD_CLIENT_CERT',
  'NOMAD_CLIENT_KEY',
  'NOMAD_TLS_SERVER_NAME',
  'NOMAD_SKIP_VERIFY',
] as const;

/** Go's strconv.ParseBool, which Nomad uses for NOMAD_SKIP_VERIFY. */
export function parseGoBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/** A display name for an agent address: its host, or "default" when it has none (unix sockets, junk). */
export function nameFromAddress(address: string): string {
  const host = URL.canParse(address) ? new URL(address).hostname.replace(/^\[|\]$/g, '') : '';
  return host === '' ? 'default' : host.slice(0, 100);
}

/**
 * Builds the default settings from the environment, the way the nomad CLI would connect: NOMAD_ADDR (else
 * 127.0.0.1:4646), a token taken from NOMAD_TOKEN at run time (never copied into settings), TLS, region,
 * namespace and HTTP auth. `fromEnv`: any NOMAD_* variable contributed. Unparseable values are reported in
 * `problems`, not silently dropped.
 */
export function defaultSettings(env: ConfigEnv) {
  const get = (name: (typeof NOMAD_ENV_VARS)[number]): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const problems: string[] = [];
  const fromEnv = NOMAD_ENV_VARS.some((name) => get(name) !== undefined);
  const rawAddress = get('NOMAD_ADDR') ?? NOMAD_DEFAULT_ADDRESS;
  // Secrets stay in the environment: the cluster names where they are, never what they are.
  const address = withoutUserinfo(rawAddress);
  const clientKey = get('NOMAD_CLIENT_KEY');
  const inlineKey = clientKey !== undefined && clientKey.includes('-----BEGIN');
  const httpAuthRef =
    get('NOMAD_HTTP_AUTH') !== undefined
      ? { source: 'env', variable: 'NOMAD_HTTP_AUTH' }
      : address !== rawAddress
        ? { source: 'env', variable: 'NOMAD_ADDR' }
        : undefined;

  const skipRaw = get('NOMAD_SKIP_VERIFY');
  const skipVerify = skipRaw === undefined ? false : parseGoBool(skipRaw);
  if (skipVerify === undefined)
    problems.push(`NOMAD_SKIP_VERIFY="${skipRaw}" is not a boolean; verifying certificates`);

  const cluster = {
    id: 'default',
    name: nameFromAddress(address),
    addresses: [address],
    region: get('NOMAD_REGION'),
    namespace: get('NOMAD_NAMESPACE'),
    httpAuthRef,
    token: get('NOMAD_TOKEN') !== undefined ? { source: 'env', variable: 'NOMAD_TOKEN' } : { source: 'none' },
    tls: {
      caCert: get('NOMAD_CACERT'),
      caPath: get('NOMAD_CAPATH'),
      clientCert: get('NOMAD_CLIENT_CERT'),
      clientKey: inlineKey ? undefined : clientKey,
      clientKeyRef: inlineKey ? { source: 'env', variable: 'NOMAD_CLIENT_KEY' } : undefined,
      serverName: get('NOMAD_TLS_SERVER_NAME'),
      skipVerify: skipVerify ?? false,
    },
  };
  const parsed = SettingsSchema.safeParse({ schemaVersion: SETTINGS_SCHEMA_VERSION, clusters: [cluster] });
  if (parsed.success) return { settings: stripUndefined(parsed.data), fromEnv, problems };
  // Only reachable with absurd input (e.g. a 64 kB NOMAD_ADDR): fall back to Nomad's plain default.
  problems.push(`the NOMAD_* variables do not make a valid cluster: ${parsed.error.message}`);
  const plain = SettingsSchema.parse({
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    clusters: [{ id: 'default', name: '127.0.0.1', addresses: [NOMAD_DEFAULT_ADDRESS] }],
  });
  return { settings: stripUndefined(plain), fromEnv, problems };
}

/** The URL without `user:password@` (unchanged when it has none or is not a URL). Pure. */
export function withoutUserinfo(address: string): string {
  if (!URL.canParse(address)) return address;
  const url = new URL(address);
  if (url.username === '' && url.password === '') return address;
  url.username = '';
  url.password = '';
  return address.endsWith('/') ? url.href : url.href.replace(/\/$/, '');
}

/** Drops `undefined` members so defaults round-trip through JSON unchanged (deep equality in tests and diffs). */
export function stripUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => stripUndefined(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = stripUndefined(v);
    return out as T;
  }
  return value;
}
