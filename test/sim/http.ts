/**
 * Tiny HTTP helpers for the simulator's own tests: raw undici requests (no auto-decompression), the error
 * code of a failed one, and a bounded poll loop for waiting on state changes.
 */
import { request, type Dispatcher } from 'undici';

/** A fully read response. */
export interface Answer {
  status: number;
  contentType: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

/** Request options. */
export interface CallOptions {
  method?: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';
  token?: string;
  bearer?: string;
  headers?: Record<string, string>;
  dispatcher?: Dispatcher;
}

/** Performs one request against `base + path` and reads the whole body. */
export async function call(base: string, path: string, opts: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== undefined) headers['X-Nomad-Token'] = opts.token;
  if (opts.bearer !== undefined) headers['Authorization'] = `Bearer ${opts.bearer}`;
  const res = await request(base + path, {
    method: opts.method ?? 'GET',
    headers,
    ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
  });
  const body = Buffer.from(await res.body.arrayBuffer());
  const ct = res.headers['content-type'];
  return {
    status: res.statusCode,
    contentType: Array.isArray(ct) ? ct[0] : ct,
    headers: res.headers,
    body,
    text: body.toString('utf8'),
  };
}

/** GET + JSON.parse of a 2xx/429 body (throws with the body text otherwise, failing the test). */
export async function getJson(base: string, path: string, opts: CallOptions = {}): Promise<unknown> {
  const a = await call(base, path, opts);
  if (a.status !== 200 && a.status !== 429) throw new Error(`${path}: ${a.status} ${a.text}`);
  return JSON.parse(a.text) as unknown;
}

/**
 * The error code at the bottom of a failed request ('ECONNREFUSED', 'UND_ERR_HEADERS_TIMEOUT', a TLS code:
 * undici wraps the cause), the error text when it has no code, or 'no error' when the request succeeded.
 */
export async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    let cur: unknown = e;
    while (cur instanceof Error && 'cause' in cur && cur.cause instanceof Error) cur = cur.cause;
    const code = cur instanceof Error && 'code' in cur ? String(cur.code) : '';
    return code !== '' ? code : String(cur);
  }
  return 'no error';
}

/** Polls `cond` every 20 ms until it is true; throws after `timeoutMs` (a bounded wait, not a sleep). */
export async function waitFor(cond: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
