/**
 * The single HTTP helper every endpoint goes through: builds the URL (region/namespace like the Go client),
 * sets headers (token, basic auth, gzip), applies an overall deadline, reads the body under a size cap
 * (decompressed bytes counted), always consumes or destroys the body, and returns values, never throws.
 */
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Dispatcher } from 'undici';
import type { NomadError } from '../../../common/domain.js';
import type { Result } from '../../../common/result.js';
import { err, ok } from '../../../common/result.js';
import type { z } from 'zod';
import { fromHttpStatus, fromTransportError, invalidResponse } from './errors.js';
import type { TransportContext } from './errors.js';
import type { ResolvedOptions } from './options.js';

/** Error bodies are read up to this many bytes; the rest is dropped. */
const ERROR_BODY_CAP = 16 * 1024;
/** Extra time on top of the summed timeouts before the overall deadline aborts a request. */
const DEADLINE_SLACK_MS = 1_000;

/** What one client needs to send requests. */
export interface Transport {
  options: ResolvedOptions;
  dispatcher: Dispatcher;
  hasClientCert: boolean;
  /** TLS alert last seen on the socket with this local port (see connector.ts). */
  tlsErrorFor(localPort: number): Error | undefined;
}

/** A response that arrived: status, the decoded text (strict UTF-8 for 2xx) and a few headers. */
export interface RawResponse {
  status: number;
  text: string;
  location: string | null;
}

export type Query = ReadonlyArray<readonly [string, string]>;

class CapReached extends Error {}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** Reads a body (gunzipping when needed) up to `cap` decompressed bytes; destroys it on overflow. */
async function readCapped(
  body: Readable,
  gzip: boolean,
  cap: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  const sink = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > cap) {
        truncated = true;
        chunks.push(chunk.subarray(0, chunk.length - (size - cap)));
        throw new CapReached();
      }
      chunks.push(chunk);
    }
  };
  try {
    if (gzip) await pipeline(body, createGunzip(), sink);
    else await pipeline(body, sink);
  } catch (e) {
    // Destroying the body on overflow can surface as undici's abort error instead of CapReached.
    if (!truncated) throw e;
  }
  return { bytes: Buffer.concat(chunks), truncated };
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

/** Maps a transport failure, preferring a TLS alert recorded on the same socket over "other side closed". */
function transportError(
  t: Transport,
  e: unknown,
  ctx: Omit<TransportContext, 'closedAfterHandshake'>,
): NomadError {
  const info = socketInfo(e);
  const recorded = info !== null ? t.tlsErrorFor(info.localPort) : undefined;
  const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
  const closedAfterHandshake = ctx.https && code === 'UND_ERR_SOCKET' && info?.bytesRead === 0;
  return fromTransportError(recorded ?? e, { ...ctx, closedAfterHandshake });
}

function isZlibError(e: unknown): boolean {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('Z_');
}

function buildUrl(options: ResolvedOptions, path: string, query: Query): URL {
  const url = new URL(options.baseUrl + path);
  const own = new Set(query.map(([k]) => k));
  if (options.region !== null && !own.has('region')) url.searchParams.append('region', options.region);
  if (options.namespace !== null && !own.has('namespace'))
    url.searchParams.append('namespace', options.namespace);
  for (const [k, v] of query) url.searchParams.append(k, v);
  return url;
}

function buildHeaders(options: ResolvedOptions): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'gzip', accept: 'application/json' };
  if (options.token !== null) headers['x-nomad-token'] = options.token;
  if (options.basicAuth !== null) headers['authorization'] = options.basicAuth;
  return headers;
}

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
): Promise<Result<RawResponse, NomadError>> {
  const o = t.options;
  const url = buildUrl(o, path, query);
  // undici's headers/body timers tick at ~0.5-1 s resolution; a native timer keeps short header deadlines
  // honest, and an overall deadline is the backstop for slow-trickle bodies.
  const headersAbort = new AbortController();
  const headersTimer = setTimeout(() => headersAbort.abort(), o.connectTimeoutMs + o.headersTimeoutMs);
  const deadline = AbortSignal.timeout(
    o.connectTimeoutMs + o.headersTimeoutMs + o.bodyTimeoutMs + DEADLINE_SLACK_MS,
  );
  const combined = AbortSignal.any([headersAbort.signal, deadline, ...(signal ? [signal] : [])]);
  const ctx = () => ({
    hasClientCert: t.hasClientCert,
    https: url.protocol === 'https:',
    deadlineHit: deadline.aborted,
  });
  let res: Dispatcher.ResponseData;
  try {
    res = await t.dispatcher.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method,
      headers: buildHeaders(o),
      signal: combined,
    });
  } catch (e) {
    if (headersAbort.signal.aborted && signal?.aborted !== true) {
      return err({
        kind: 'timeout',
        message: 'The agent did not answer in time (headers timeout)',
        code: 'UND_ERR_HEADERS_TIMEOUT',
      });
    }
    return err(transportError(t, e, ctx()));
  } finally {
    clearTimeout(headersTimer);
  }
  const status = res.statusCode;
  const success = status >= 200 && status < 300;
  const gzip = (header(res.headers, 'content-encoding') ?? '').toLowerCase().includes('gzip');
  let read: { bytes: Buffer; truncated: boolean };
  try {
    read = await readCapped(
      res.body,
      gzip,
      success ? o.maxResponseBytes : Math.min(ERROR_BODY_CAP, o.maxResponseBytes),
    );
  } catch (e) {
    res.body.destroy();
    if (isZlibError(e))
      return err(invalidResponse('The agent sent a corrupt gzip body', status, (e as { code: string }).code));
    return err(transportError(t, e, ctx()));
  }
  if (success && read.truncated) {
    return err(
      invalidResponse(
        `The response is larger than the ${o.maxResponseBytes}-byte limit`,
        status,
        'RESPONSE_TOO_LARGE',
      ),
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: success }).decode(read.bytes);
  } catch {
    return err(invalidResponse('The response is not valid UTF-8', status, 'INVALID_UTF8'));
  }
  return ok({ status, text, location: header(res.headers, 'location') });
}

/** Non-2xx → the status error; 2xx → the response. For endpoints where only 2xx is an answer. */
export function requireOk(res: RawResponse): Result<RawResponse, NomadError> {
  if (res.status >= 200 && res.status < 300) return ok(res);
  return err(fromHttpStatus(res.status, res.text, res.location));
}

/** Parses a body as JSON and validates it with `schema`; any failure is 'invalid-response'. */
export function parseJson<S extends z.ZodType>(
  res: RawResponse,
  schema: S,
  what: string,
): Result<z.output<S>, NomadError> {
  let data: unknown;
  try {
    data = JSON.parse(res.text);
  } catch {
    const snippet = res.text.trim().slice(0, 80);
    return err(
      invalidResponse(
        `${what}: the agent did not answer JSON (${snippet || 'empty body'})`,
        res.status,
        'INVALID_JSON',
      ),
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
    return err(invalidResponse(`${what}: unexpected JSON shape (${where})`, res.status, 'SCHEMA_MISMATCH'));
  }
  return ok(parsed.data);
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
  const res = await send(t, method, path, query, signal);
  if (!res.ok) return res;
  const checked = requireOk(res.value);
  if (!checked.ok) return checked;
  return parseJson(checked.value, schema, `${method} ${path}`);
}
