/**
 * Client option validation and the NOMAD_* environment reader. Mirrors the nomad CLI (api/api.go
 * DefaultConfig, command/meta.go): defaults, basic auth from URL userinfo, cert/key pairing, ParseBool.
 */
import type { NomadError } from '../../../common/domain.js';
import type { Result } from '../../../common/result.js';
import { err, ok } from '../../../common/result.js';
import { normaliseBaseUrl } from './addresses.js';
import type { NomadClientOptions } from './types.js';

export const DEFAULT_ADDRESS = 'http://127.0.0.1:4646';
export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
export const CERT_KEY_PAIR_MESSAGE = 'Both client cert and client key must be provided';

/** Options after validation: everything the request layer needs, with defaults applied. */
export interface ResolvedOptions {
  /** Normalised base URL without userinfo or trailing slash. */
  baseUrl: string;
  token: string | null;
  region: string | null;
  namespace: string | null;
  /** Ready-made `Authorization: Basic …` value, or null. */
  basicAuth: string | null;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxResponseBytes: number;
}

/** What an X-Nomad-Token may hold: visible ASCII (Nomad's tokens are UUIDs); undici refuses anything else. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;
export const BAD_TOKEN_MESSAGE =
  'The ACL token holds characters an HTTP header cannot carry (spaces, control characters or non-ASCII): check where it comes from';

function configError(message: string): NomadError {
  return { kind: 'config', message };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}

function positive(name: string, value: number | undefined, fallback: number): Result<number, NomadError> {
  if (value === undefined) return ok(fallback);
  if (!Number.isFinite(value) || value <= 0) return err(configError(`${name} must be a positive number`));
  return ok(value);
}

function basicAuthHeader(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** Userinfo in the URL (`https://user:pass@host`) becomes basic auth, like the Go client; httpAuth wins. */
function resolveBasicAuth(address: string, httpAuth: string | undefined): string | null {
  const auth = nonEmpty(httpAuth);
  if (auth !== null) {
    const colon = auth.indexOf(':');
    return colon < 0
      ? basicAuthHeader(auth, '')
      : basicAuthHeader(auth.slice(0, colon), auth.slice(colon + 1));
  }
  try {
    const url = new URL(address.trim());
    if (url.username === '' && url.password === '') return null;
    return basicAuthHeader(decodeURIComponent(url.username), decodeURIComponent(url.password));
  } catch {
    return null;
  }
}

/** Validates options (URL scheme, cert/key pairing, timeouts) and applies defaults; 'config' errors only. */
export function resolveOptions(options: NomadClientOptions): Result<ResolvedOptions, NomadError> {
  const base = normaliseBaseUrl(options.address);
  if (!base.ok) return err(configError(base.error));
  const hasCert = nonEmpty(options.clientCert) !== null;
  const hasKey = nonEmpty(options.clientKey) !== null;
  if (hasCert !== hasKey) return err(configError(CERT_KEY_PAIR_MESSAGE));
  const connect = positive('connectTimeoutMs', options.connectTimeoutMs, DEFAULT_TIMEOUT_MS);
  if (!connect.ok) return connect;
  const headers = positive('headersTimeoutMs', options.headersTimeoutMs, DEFAULT_TIMEOUT_MS);
  if (!headers.ok) return headers;
  const body = positive('bodyTimeoutMs', options.bodyTimeoutMs, DEFAULT_TIMEOUT_MS);
  if (!body.ok) return body;
  const cap = positive('maxResponseBytes', options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES);
  if (!cap.ok) return cap;
  const token = nonEmpty(options.token)?.trim() ?? null;
  if (token !== null && !HEADER_SAFE.test(token)) return err(configError(BAD_TOKEN_MESSAGE));
  return ok({
    baseUrl: base.value,
    token,
    region: nonEmpty(options.region),
    namespace: nonEmpty(options.namespace),
    basicAuth: resolveBasicAuth(options.address, options.httpAuth),
    connectTimeoutMs: connect.value,
    headersTimeoutMs: headers.value,
    bodyTimeoutMs: body.value,
    maxResponseBytes: cap.value,
  });
}

const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go's strconv.ParseBool: exactly the words Go accepts, null for anything else. */
export function parseGoBool(text: string): boolean | null {
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return null;
}

/**
 * Reads NOMAD_ADDR, NOMAD_TOKEN, NOMAD_REGION, NOMAD_NAMESPACE, NOMAD_HTTP_AUTH, NOMAD_CACERT (wins over
 * NOMAD_CAPATH), NOMAD_CAPATH, NOMAD_CLIENT_CERT/KEY (both or neither), NOMAD_TLS_SERVER_NAME and
 * NOMAD_SKIP_VERIFY (Go ParseBool) into client options, as the nomad CLI does. Pure: pass `process.env`.
 */
export function optionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Result<NomadClientOptions, NomadError> {
  const get = (name: string): string | null => nonEmpty(env[name]);
  const address = get('NOMAD_ADDR') ?? DEFAULT_ADDRESS;
  const base = normaliseBaseUrl(address);
  if (!base.ok) return err(configError(`NOMAD_ADDR: ${base.error}`));
  const options: NomadClientOptions = { address: address.trim() };
  const token = get('NOMAD_TOKEN');
  if (token !== null) options.token = token.trim();
  const region = get('NOMAD_REGION');
  if (region !== null) options.region = region;
  const namespace = get('NOMAD_NAMESPACE');
  if (namespace !== null) options.namespace = namespace;
  const httpAuth = get('NOMAD_HTTP_AUTH');
  if (httpAuth !== null) options.httpAuth = httpAuth;
  const caCert = get('NOMAD_CACERT');
  const caPath = get('NOMAD_CAPATH');
  if (caCert !== null) options.caCert = caCert;
  else if (caPath !== null) options.caPath = caPath;
  const cert = get('NOMAD_CLIENT_CERT');
  const key = get('NOMAD_CLIENT_KEY');
  if ((cert === null) !== (key === null)) return err(configError(CERT_KEY_PAIR_MESSAGE));
  if (cert !== null && key !== null) {
    options.clientCert = cert;
    options.clientKey = key;
  }
  const serverName = get('NOMAD_TLS_SERVER_NAME');
  if (serverName !== null) options.tlsServerName = serverName;
  const skip = get('NOMAD_SKIP_VERIFY');
  if (skip !== null) {
    const parsed = parseGoBool(skip.trim());
    if (parsed === null)
      return err(configError(`NOMAD_SKIP_VERIFY: "${skip}" is not a boolean (use true or false)`));
    options.tlsSkipVerify = parsed;
  }
  return ok(options);
}
