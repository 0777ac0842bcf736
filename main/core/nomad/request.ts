/**
 * The single HTTP helper every endpoint goes through (target and headers: request-target.ts, deadlines:
 * limits.ts, body cap: body.ts); it always consumes or destroys the body and returns values, never throws.
 */
import type { Dispatcher } from 'undici';
import type { NomadError } from '../../../common/nomad-domain.js';
import { err, ok, type Result } from '../../../common/result.js';
import { parseJsonText } from '../files/index.js';
import type { z } from 'zod';
import { fromHttpStatus, fromTransportError, invalidResponse } from './errors.js';
import { readCapped } from './body.js';
import {
  capabilityFor,
  forbiddenDiagnosis,
  maybeSchemeMismatch,
  schemeError,
  speaksOtherScheme,
} from './diagnose.js';
import type { TokenCheck } from './diagnose.js';
import { RequestLimits } from './limits.js';
import type { ResolvedOptions } from './options.js';
import { targetOf, type Query, type Target } from './request-target.js';

/** Error bodies are read up to this many bytes; the rest is dropped. */
const ERROR_BODY_CAP = 16 * 1024;

export interface Transport {
  options: ResolvedOptions;
  dispatcher: Dispatcher;
  hasClientCert: boolean;
  /** Every request's headers (headersOf) and the targets asked so far (targetOf). */
  headers: Record<string, string>;
  targets: Map<string, Target>;
  /** TLS alert last seen on the socket with this local port (see connector.ts). */
  tlsErrorFor(localPort: number): Error | undefined;
}

/** A response that arrived: status, the decoded text (strict UTF-8 for 2xx) and a few headers. */
export interface RawResponse {
  status: number;
  text: string;
  location: string | null;
  /** Every response header (read by the blocking-query endpoints for X-Nomad-Index and friends). */
  headers: Record<string, string | string[] | undefined>;
}

/** Per-request overrides of a client's limits. */
export interface SendOptions {
  /** The agent may hold this request before answering (a blocking query): added to the headers deadline. */
  holdMs?: number;
  /** Body cap for this request instead of the client's `maxResponseBytes`. */
  maxBytes?: number;
}

/** One response header's first value, or null. */
export function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** undici's SocketError carries `socket: {localPort, bytesRead, …}`; read it defensively. */
function socketInfo(e: unknown): { localPort: number; bytesRead: number } | null {
  if (typeof e !== 'object' || e === null || !('socket' in e)) return null;
  const s: unknown = e.socket;
  if (typeof s !== 'object' || s === null) return null;
  const localPort = 'localPort' in s && typeof s.localPort === 'number' ? s.localPort : null;
  const bytesRead = 'bytesRead' in s && typeof s.bytesRead === 'number' ? s.bytesRead : -1;
  return localPort === null ? null : { localPort, bytesRead };
}

/**
 * Maps a transport failure, preferring a TLS alert recorded on the same socket over "other side closed" (the
 * context is built only when one happened: no closure per request).
 */
function transportError(t: Transport, e: unknown, https: boolean, limits: RequestLimits): NomadError {
  const info = socketInfo(e);
  const recorded = info !== null ? t.tlsErrorFor(info.localPort) : undefined;
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  return fromTransportError(recorded ?? e, {
    hasClientCert: t.hasClientCert,
    https,
    deadlineHit: limits.deadlineHit,
    closedAfterHandshake: https && code === 'UND_ERR_SOCKET' && info?.bytesRead === 0,
  });
}

/** Decoders shared by every request (decode() without streaming keeps no state between calls). */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT_UTF8 = new TextDecoder('utf-8');

/**
 * Sends one request. Any status arrives as a RawResponse (the caller decides what is an error); transport
 * failures, over-cap 2xx bodies, gzip garbage and invalid UTF-8 in 2xx bodies are NomadErrors.
 */
export async function send(
  t: Transport,
  method: 'GET' | 'PUT',
  path: string,
  query: Query = [],
  signal?: AbortSignal,
  opts?: SendOptions,
): Promise<Result<RawResponse, NomadError>> {
  const o = t.options;
  const target = targetOf(o, t.targets, path, query);
  const holdMs = opts?.holdMs ?? 0;
  const limits = new RequestLimits(o, signal, holdMs);
  try {
    let res: Dispatcher.ResponseData;
    try {
      res = await t.dispatcher.request({
        origin: target.origin,
        path: target.path,
        method,
        headers: t.headers,
        signal: limits.signal,
        ...(holdMs > 0 ? { headersTimeout: o.headersTimeoutMs + holdMs } : {}),
      });
    } catch (e) {
      if (limits.headersTimedOut && signal?.aborted !== true)
        return err({
          kind: 'timeout',
          message: 'The agent did not answer in time (headers timeout)',
          code: 'UND_ERR_HEADERS_TIMEOUT',
        });
      return err(await schemeChecked(t, transportError(t, e, target.https, limits), signal));
    }
    limits.headersArrived();
    return await readResponse(t, res, target.https, limits, opts?.maxBytes);
  } finally {
    limits.done();
  }
}

/** Longest a diagnostic probe may take (it runs only after a failure). */
const PROBE_TIMEOUT_MS = 1_000;

/** A failure that may be a scheme mismatch is probed once; the error then names the fix. */
async function schemeChecked(t: Transport, error: NomadError, signal?: AbortSignal): Promise<NomadError> {
  const https = t.options.baseUrl.startsWith('https://');
  if (!maybeSchemeMismatch(error, https)) return error;
  const timeout = Math.min(PROBE_TIMEOUT_MS, t.options.connectTimeoutMs);
  return (await speaksOtherScheme(t.options.baseUrl, https, timeout, signal))
    ? schemeError(t.options.baseUrl, https, error)
    : error;
}

/** Whether the configured token is one Nomad knows (asked only after a 403). */
async function checkToken(t: Transport, signal?: AbortSignal): Promise<TokenCheck> {
  if (t.options.token === null) return 'no-token';
  const res = await send(t, 'GET', '/v1/acl/token/self', [], signal);
  if (!res.ok) return 'unknown';
  if (res.value.status >= 200 && res.value.status < 300) return 'valid';
  return res.value.status === 403 || res.value.status === 404 ? 'refused' : 'unknown';
}

/** Reads an arrived response's body under the caps and decodes it (see send). */
async function readResponse(
  t: Transport,
  res: Dispatcher.ResponseData,
  https: boolean,
  limits: RequestLimits,
  maxBytes?: number,
): Promise<Result<RawResponse, NomadError>> {
  const cap = maxBytes ?? t.options.maxResponseBytes;
  const status = res.statusCode;
  const success = status >= 200 && status < 300;
  const gzip = (header(res.headers, 'content-encoding') ?? '').toLowerCase().includes('gzip');
  let read: { bytes: Buffer; truncated: boolean };
  try {
    read = await readCapped(res.body, gzip, success ? cap : Math.min(ERROR_BODY_CAP, cap));
  } catch (e) {
    res.body.destroy();
    if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('Z_'))
      return err(invalidResponse('The agent sent a corrupt gzip body', status, e.code));
    return err(transportError(t, e, https, limits));
  }
  if (success && read.truncated)
    return err(
      invalidResponse(`The response is larger than the ${cap}-byte limit`, status, 'RESPONSE_TOO_LARGE'),
    );
  let text: string;
  try {
    text = (success ? STRICT_UTF8 : LENIENT_UTF8).decode(read.bytes);
  } catch {
    return err(invalidResponse('The response is not valid UTF-8', status, 'INVALID_UTF8'));
  }
  return ok({ status, text, location: header(res.headers, 'location'), headers: res.headers });
}

/** Parses a body as JSON and validates it with `schema`; any failure is 'invalid-response'. */
export function parseJson<S extends z.ZodType>(
  res: RawResponse,
  schema: S,
  what: string,
): Result<z.output<S>, NomadError> {
  const data = parseJsonText(res.text);
  if (!data.ok) {
    const said = res.text.trim().slice(0, 80) || 'empty body';
    return err(
      invalidResponse(`${what}: the agent did not answer JSON (${said})`, res.status, 'INVALID_JSON'),
    );
  }
  const parsed = schema.safeParse(data.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
    return err(invalidResponse(`${what}: unexpected JSON shape (${where})`, res.status, 'SCHEMA_MISMATCH'));
  }
  return ok(parsed.data);
}

/**
 * send + require 2xx. Any other status is the NomadError that says what is wrong: a 403 names the missing token,
 * the refused token or the capability the call lacks; a 400 "HTTP request to an HTTPS server" says to use https://.
 */
export async function sendOk(
  t: Transport,
  method: 'GET' | 'PUT',
  path: string,
  query: Query,
  signal?: AbortSignal,
  opts?: SendOptions,
): Promise<Result<RawResponse, NomadError>> {
  const res = await send(t, method, path, query, signal, opts);
  if (!res.ok || (res.value.status >= 200 && res.value.status < 300)) return res;
  const error = fromHttpStatus(res.value.status, res.value.text, res.value.location);
  if (error.kind === 'forbidden')
    return err(forbiddenDiagnosis(error, await checkToken(t, signal), capabilityFor(method, path)));
  return err(await schemeChecked(t, error, signal));
}

/** GET/PUT + require 2xx + parse JSON with the schema: the common path of most endpoints. */
export async function fetchJson<S extends z.ZodType>(
  t: Transport,
  method: 'GET' | 'PUT',
  path: string,
  query: Query,
  schema: S,
  signal?: AbortSignal,
): Promise<Result<z.output<S>, NomadError>> {
  const res = await sendOk(t, method, path, query, signal);
  return res.ok ? parseJson(res.value, schema, `${method} ${path}`) : res;
}
