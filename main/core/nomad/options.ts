/**
 * Client option validation. Mirrors the nomad CLI (api/api.go DefaultConfig): defaults, basic auth from URL
 * userinfo, cert/key pairing. (The NOMAD_* variables are read once, into settings: core/settings/defaults.ts.)
 */
import type { NomadError } from '../../../common/nomad-domain.js';
import { err, ok, type Result } from '../../../common/result.js';
import { normaliseBaseUrl } from '../../../common/addresses.js';
import type { NomadClientOptions } from './types.js';

export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

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
const BAD_TOKEN_MESSAGE =
  'The ACL token holds characters an HTTP header cannot carry (spaces, control characters or non-ASCII): check where it comes from';

/** A 'config' error: the options (or the files they name) cannot make a client. */
export const configError = (message: string): Result<never, NomadError> => err({ kind: 'config', message });

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}

/** The limits a client may set: each must be a positive number (checked in this order). */
const LIMITS = ['connectTimeoutMs', 'headersTimeoutMs', 'bodyTimeoutMs', 'maxResponseBytes'] as const;

/** A URL's userinfo (`https://user:pass@host`) decoded as `user:pass`; null when it has none or is no URL. */
export function urlUserinfo(address: string): string | null {
  try {
    const url = new URL(address.trim());
    if (url.username === '' && url.password === '') return null;
    return `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  } catch {
    return null;
  }
}

/** `user[:password]` as an Authorization value; httpAuth wins over the URL's userinfo, like the Go client. */
function resolveBasicAuth(address: string, httpAuth: string | undefined): string | null {
  const auth = nonEmpty(httpAuth) ?? urlUserinfo(address);
  if (auth === null) return null;
  return `Basic ${Buffer.from(auth.includes(':') ? auth : `${auth}:`, 'utf8').toString('base64')}`;
}

/** Validates options (URL scheme, cert/key pairing, timeouts) and applies defaults; 'config' errors only. */
export function resolveOptions(options: NomadClientOptions): Result<ResolvedOptions, NomadError> {
  const base = normaliseBaseUrl(options.address);
  if (!base.ok) return configError(base.error);
  const hasCert = nonEmpty(options.clientCert) !== null;
  const hasKey = nonEmpty(options.clientKey) !== null;
  if (hasCert !== hasKey) return configError('Both client cert and client key must be provided');
  for (const name of LIMITS) {
    const value = options[name];
    if (value !== undefined && (!Number.isFinite(value) || value <= 0))
      return configError(`${name} must be a positive number`);
  }
  const token = nonEmpty(options.token)?.trim() ?? null;
  if (token !== null && !HEADER_SAFE.test(token)) return configError(BAD_TOKEN_MESSAGE);
  return ok({
    baseUrl: base.value,
    token,
    region: nonEmpty(options.region),
    namespace: nonEmpty(options.namespace),
    basicAuth: resolveBasicAuth(options.address, options.httpAuth),
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    headersTimeoutMs: options.headersTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    bodyTimeoutMs: options.bodyTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  });
}
