/**
 * Reply values and the writer that puts them on the wire the way Nomad's `wrap()` does (doc §0): compact JSON
 * (indented + newline with ?pretty), plain-text errors without a trailing newline, gzip on request.
 */
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A fully formed HTTP answer, built by route handlers and written by `writeReply`. */
export interface Reply {
  status: number;
  body: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * An answer that is not ready yet: the agent holds the request (Nomad's RPC hold while there is no leader, a
 * client waiting for its first registration). `retry` is asked again every few milliseconds and answers once it
 * can; after `limitMs` (null: never) `expire` gives the answer.
 */
export interface Held {
  held: true;
  retry: () => Reply | Held | null;
  limitMs: number | null;
  expire: () => Reply;
}

/** What a route handler returns. */
export type Answer = Reply | Held;

export function isHeld(a: Answer): a is Held {
  return 'held' in a;
}

/** Whether the query asks for pretty JSON (`?pretty` with any value except `0`). */
export function wantsPretty(query: URLSearchParams): boolean {
  return query.has('pretty') && query.get('pretty') !== '0';
}

/** 200 (or `status`) with a JSON body, like a successful wrap(). */
export function json(value: unknown, pretty: boolean, status = 200): Reply {
  const body = pretty ? `${JSON.stringify(value, null, 4)}\n` : JSON.stringify(value);
  return { status, body, contentType: 'application/json' };
}

/** A plain-text error answer (CodedError path): text/plain; charset=utf-8, no trailing newline. */
export function text(status: number, message: string): Reply {
  return { status, body: message, contentType: 'text/plain; charset=utf-8' };
}

/** A bodiless answer (handler returned nil, or the 404 fall-through). */
export function empty(status = 200): Reply {
  return { status, body: '' };
}

/** The shared Nomad error texts used across handlers. */
export const E = {
  invalidMethod: 'Invalid method',
  denied: 'Permission denied',
  noLeader: 'No cluster leader',
  noPath: 'No path to region',
} as const;

/** go-multierror's ListFormatFunc: `N errors occurred:\n\t* a\n\t* b\n\n` (singular for one). */
export function multierror(errors: readonly string[]): string {
  const head = errors.length === 1 ? '1 error occurred:' : `${errors.length} errors occurred:`;
  return `${head}\n${errors.map((e) => `\t* ${e}`).join('\n')}\n\n`;
}

/** Writes a reply, gzip-compressed when the request's Accept-Encoding mentions gzip (CompressHandler). */
export function writeReply(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const raw = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  const gzip = /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? gzipSync(raw) : raw;
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.contentType !== undefined) headers['Content-Type'] = reply.contentType;
  if (gzip) {
    headers['Content-Encoding'] = 'gzip';
    headers['Vary'] = 'Accept-Encoding';
  }
  headers['Content-Length'] = String(body.length);
  res.writeHead(reply.status, headers);
  res.end(body);
}
