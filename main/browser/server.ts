/**
 * The browser shell's HTTP server (node:http, no framework): the built renderer as static files, the app core
 * at POST /api/invoke/<channel>, push events at GET /api/events. Every /api request needs the per-launch bearer
 * token; every request needs a loopback Host (DNS rebinding) and, when sent, our own Origin. No CORS headers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isInvokeChannel, type Envelope, type IpcErrorKind } from '../../common/ipc-contract.js';
import { ok } from '../../common/result.js';
import { readRendererFile, type AppCore } from '../app/index.js';
import { parseJsonText } from '../core/files/index.js';
import { APP_ORIGIN, RENDERER_CSP } from '../core/web/index.js';
import { createEventHub, sseFrame, type EventHub } from './events.js';
import { faviconSvg } from './favicon.js';
import { hasBearer, isAllowedHost, isAllowedOrigin } from './guard.js';

export const MAX_BODY_BYTES = 256 * 1024;

const BASE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
const API_HEADERS = { ...BASE_HEADERS, 'Cache-Control': 'no-store' };

export interface BrowserServerOptions {
  core: AppCore;
  token: string;
  rendererDir: string;
  /** Diagnostics for stderr; never receives the token. */
  log: (line: string) => void;
}

export interface BrowserServer {
  /** Listens on 127.0.0.1 (and ::1 on the same port when available); resolves the port. */
  listen(port: number): Promise<number>;
  /** The addresses actually bound, e.g. ["127.0.0.1:4680", "[::1]:4680"]. */
  addresses(): string[];
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
): void {
  res.req.resume(); // what is left of the request body is drained, never buffered
  res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function sendEnvelope(res: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  send(
    res,
    status,
    { ...API_HEADERS, 'Content-Type': 'application/json; charset=utf-8' },
    JSON.stringify(envelope),
  );
}

/** An API refusal: an error envelope with the HTTP status. */
function refuse(res: ServerResponse, status: number, kind: IpcErrorKind, message: string): void {
  sendEnvelope(res, status, { ok: false, error: { kind, message } });
}

/** Reads a body up to `max` bytes; null when it is larger (the rest is drained, not buffered). */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > max) {
    req.resume();
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
  }
  return size > max ? null : Buffer.concat(chunks);
}

export function createBrowserServer(options: BrowserServerOptions): BrowserServer {
  const { core, token, rendererDir, log } = options;
  const hub: EventHub = createEventHub();
  const offCore = core.onEvent((name, payload) => hub.publish(name, payload));
  const servers: Server[] = [];
  const bound: string[] = [];
  let port = 0;

  async function invoke(req: IncomingMessage, res: ServerResponse, rawChannel: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, { ...API_HEADERS, Allow: 'POST' }, 'method not allowed');
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json')
      return refuse(res, 415, 'invalid-request', 'Send JSON (application/json).');
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) return refuse(res, 413, 'invalid-request', 'The request is too large.');
    let channel: string;
    try {
      channel = decodeURIComponent(rawChannel);
    } catch {
      channel = '';
    }
    if (!isInvokeChannel(channel)) return refuse(res, 404, 'unknown-channel', 'No such channel.');
    const request = body.length === 0 ? ok({}) : parseJsonText(body.toString('utf8'));
    if (!request.ok) return refuse(res, 400, 'invalid-request', 'The body is not valid JSON.');
    sendEnvelope(res, 200, await core.dispatch(channel, request.value));
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') return send(res, 405, { ...API_HEADERS, Allow: 'GET' }, 'method not allowed');
    const initial = [sseFrame('clusters:changed', core.views())];
    if (!hub.attach(res, initial, API_HEADERS)) send(res, 429, API_HEADERS, 'too many event streams');
  }

  async function staticFile(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, { ...BASE_HEADERS, Allow: 'GET, HEAD' }, 'method not allowed');
    if (url.pathname === '/favicon.svg' || url.pathname === '/favicon.ico') {
      const headers = { ...BASE_HEADERS, 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-cache' };
      return send(res, 200, headers, faviconSvg(url.searchParams.get('state')));
    }
    // The HTTP path maps onto the app:// URL the Electron window would load.
    const found = url.pathname.startsWith('//')
      ? { status: 404 as const }
      : await readRendererFile(rendererDir, `${APP_ORIGIN}${url.pathname}`);
    if (found.status !== 200) {
      const text = found.status === 404 ? 'not found' : 'forbidden';
      return send(res, found.status, { ...BASE_HEADERS, 'Content-Type': 'text/plain' }, text);
    }
    const cache = found.type.startsWith('text/html') ? 'no-store' : 'no-cache';
    // For HEAD, node:http sends the headers (Content-Length included) and drops the body.
    send(res, 200, { ...BASE_HEADERS, 'Content-Type': found.type, 'Cache-Control': cache }, found.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port)) return send(res, 403, BASE_HEADERS, 'forbidden host');
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    if (!isAllowedOrigin(origin, port)) return send(res, 403, BASE_HEADERS, 'forbidden origin');
    if (req.method === 'OPTIONS')
      return send(res, 405, { ...BASE_HEADERS, Allow: 'GET, HEAD, POST' }, 'method not allowed');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      if (!hasBearer(req.headers.authorization, token))
        return refuse(res, 401, 'unauthorized', 'Missing or wrong bearer token.');
      const invokeMatch = /^\/api\/invoke\/([^/]+)$/.exec(url.pathname);
      if (invokeMatch?.[1] !== undefined) return invoke(req, res, invokeMatch[1]);
      if (url.pathname === '/api/events') return events(req, res);
      return refuse(res, 404, 'unknown-channel', 'No such endpoint.');
    }
    return staticFile(req, res, url);
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((e: unknown) => {
      log(`request failed: ${e instanceof Error ? e.message : 'unknown error'}`);
      if (!res.headersSent) send(res, 500, API_HEADERS, 'internal error');
      else res.end();
    });
  };

  const listenOn = (host: string, wanted: number): Promise<Server | null> =>
    new Promise((resolve, reject) => {
      const server = createServer(onRequest);
      server.once('error', (e: NodeJS.ErrnoException) => {
        if (host === '::1')
          resolve(null); // no IPv6 loopback here: IPv4 is enough
        else reject(e);
      });
      server.listen({ host, port: wanted, exclusive: true }, () => resolve(server));
    });

  return {
    async listen(wanted) {
      const v4 = await listenOn('127.0.0.1', wanted);
      if (!v4) throw new Error('could not listen on 127.0.0.1');
      port = (v4.address() as AddressInfo).port;
      servers.push(v4);
      bound.push(`127.0.0.1:${port}`);
      const v6 = await listenOn('::1', port);
      if (v6) {
        servers.push(v6);
        bound.push(`[::1]:${port}`);
      }
      return port;
    },
    addresses: () => [...bound],
    async close() {
      offCore();
      hub.close();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
