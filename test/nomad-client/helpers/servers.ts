/**
 * Tiny real HTTP/HTTPS servers on 127.0.0.1 for error-mapping cases the simulator does not model (or before
 * it exists). Each server tracks its sockets so close() never waits on a kept-alive connection.
 */
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { ServerOptions as HttpsOptions } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  url: string;
  port: number;
  /** Requests seen, in order (method, url incl. query, headers). */
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

async function listen(
  server: Server | ReturnType<typeof createTcpServer>,
  scheme: string,
): Promise<TestServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A plain HTTP server answering with `handler`; records every request. */
export async function httpServer(handler: Handler): Promise<TestServer> {
  let record: TestServer['requests'] = [];
  const server = createHttpServer((req, res) => {
    record.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  const t = await listen(server, 'http');
  record = t.requests;
  return t;
}

/** An HTTPS server with the given TLS options (cert, key, ca, requestCert…). */
export async function httpsServer(tls: HttpsOptions, handler: Handler): Promise<TestServer> {
  let record: TestServer['requests'] = [];
  const server = createHttpsServer(tls, (req, res) => {
    record.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  server.on('tlsClientError', () => undefined);
  const t = await listen(server, 'https');
  record = t.requests;
  return t;
}

/** Accepts TCP connections and never answers: a black-holed agent. */
export async function blackHole(): Promise<TestServer> {
  return listen(
    createTcpServer(() => undefined),
    'http',
  );
}

/** A port that was just free: connecting to it is refused. */
export async function refusedUrl(): Promise<string> {
  const s = await listen(createTcpServer(), 'http');
  await s.close();
  return s.url;
}

/** Answers a canned status/body with the given content type (Nomad errors are text/plain). */
export function canned(
  status: number,
  body: string | Buffer,
  contentType = 'text/plain; charset=utf-8',
): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  };
}

/** JSON 200 answer. */
export function json(value: unknown, status = 200): Handler {
  return canned(status, JSON.stringify(value), 'application/json');
}
