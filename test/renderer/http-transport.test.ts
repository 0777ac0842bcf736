import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpTransport } from '../../renderer/lib/http-transport.js';
import { makeClusterView } from './fixtures.js';
import type { WireClusterView as ClusterView } from '../../common/domain.js';

const TOKEN = 'browser-session-token';
let server: Server | null = null;

/** A tiny stand-in for the browser-mode server: the routes the transport speaks, on 127.0.0.1. */
async function start(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end();
      handler(req, res, body);
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = null;
});

/** Bounded poll for a condition (at most ~5 s), never a fixed sleep. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}

describe('HTTP transport: invoke', () => {
  it('POSTs the request to /api/invoke/<channel> with the bearer token and validates the envelope', async () => {
    const seen: { url?: string; method?: string; body?: unknown } = {};
    const base = await start((req, res, body) => {
      Object.assign(seen, { url: req.url, method: req.method, body: JSON.parse(body) as unknown });
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ ok: true, value: ['10.0.0.8:4647'] }));
    });
    const api = createHttpTransport({ baseUrl: base, token: TOKEN, fetch });
    const answer = await api.invoke('agent:servers', { clusterId: 'prod' });
    expect(answer).toEqual({ ok: true, value: ['10.0.0.8:4647'] });
    expect(seen).toEqual({ url: '/api/invoke/agent%3Aservers', method: 'POST', body: { clusterId: 'prod' } });
  });

  it('passes error envelopes through and turns an answer that is not JSON into an internal error', async () => {
    const base = await start((req, res) => {
      if (req.url !== '/api/invoke/agent%3Aself')
        return void res.writeHead(502).end('<html>bad gateway</html>');
      const reply = { ok: false, error: { kind: 'forbidden', message: 'Permission denied', status: 403 } };
      res.writeHead(200).end(JSON.stringify(reply));
    });
    const api = createHttpTransport({ baseUrl: base, token: TOKEN, fetch });
    const self = await api.invoke('agent:self', { clusterId: 'prod' });
    expect(self.ok ? 'ok' : self.error.kind).toBe('forbidden');
    const list = await api.invoke('clusters:list', {});
    expect(list.ok ? 'ok' : list.error.message).toContain('HTTP 502 without a JSON envelope');
  });

  it('reports a wrong token as unauthorized and a dead server as transport', async () => {
    const base = await start((_req, res) => res.writeHead(200).end('{}'));
    const wrong = await createHttpTransport({ baseUrl: base, token: 'nope', fetch }).invoke(
      'clusters:list',
      {},
    );
    expect(wrong.ok ? 'ok' : wrong.error.kind).toBe('unauthorized');
    const dead = await createHttpTransport({ baseUrl: 'http://127.0.0.1:9', token: TOKEN, fetch }).invoke(
      'clusters:list',
      {},
    );
    expect(dead.ok ? 'ok' : dead.error.kind).toBe('transport');
  });
});

describe('HTTP transport: events over fetch-streamed SSE', () => {
  it('delivers events to their listeners, drops unknown events and broken JSON, and closes the stream after the last unsubscribe', async () => {
    let streams = 0;
    let closed = 0;
    let push: ((text: string) => void) | null = null;
    const base = await start((req, res) => {
      expect(req.url).toBe('/api/events');
      streams += 1;
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(': connected\n\n');
      push = (text) => res.write(text);
      res.on('close', () => (closed += 1));
    });
    const api = createHttpTransport({ baseUrl: base, token: TOKEN, fetch, retryDelayMs: 10 });
    const received: ClusterView[][] = [];
    const focus: string[] = [];
    const off1 = api.on('clusters:changed', (list) => received.push(list));
    const off2 = api.on('focus:changed', (f) => focus.push(f.clusterId));
    await waitFor(() => push !== null);
    const view = makeClusterView();
    push!(`event: clusters:changed\ndata: ${JSON.stringify([view])}\n\n`);
    push!('event: clusters:changed\ndata: {not json\n\n');
    push!('event: nope:changed\ndata: []\n\n');
    push!('event: focus:changed\r\ndata: {"clusterId":"prod",\r\ndata: "member":"server-3.global"}\r\n\r\n');
    await waitFor(() => focus.length === 1);
    expect(received).toEqual([[view]]);
    expect(streams).toBe(1);
    off1();
    off2();
    await waitFor(() => closed === 1);
  });

  it('reconnects while someone listens', async () => {
    let streams = 0;
    const base = await start((_req, res) => {
      streams += 1;
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      if (streams === 1)
        res.end(); // the server restarts: the stream ends
      else res.write(`event: focus:changed\ndata: {"clusterId":"prod"}\n\n`);
    });
    const api = createHttpTransport({ baseUrl: base, token: TOKEN, fetch, retryDelayMs: 5 });
    const seen: string[] = [];
    const off = api.on('focus:changed', (f) => seen.push(f.clusterId));
    await waitFor(() => seen.length === 1);
    expect(streams).toBe(2);
    off();
  });
});

describe('HTTP transport: what it tells the connection state', () => {
  it('says up when the stream opens, down when the server goes away, unauthorized for a refused token', async () => {
    const links: string[] = [];
    const base = await start((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(': connected\n\n');
    });
    const api = createHttpTransport({
      baseUrl: base,
      token: TOKEN,
      fetch,
      retryDelayMs: 60_000,
      onLink: (link) => links.push(link),
    });
    const off = api.on('clusters:changed', () => undefined);
    await waitFor(() => links.includes('up'));
    server?.closeAllConnections(); // the app stopped
    await waitFor(() => links.at(-1) === 'down');
    off();
    const stranger = createHttpTransport({
      baseUrl: base,
      token: 'an-earlier-run',
      fetch,
      onLink: (link) => links.push(link),
    });
    const answer = await stranger.invoke('clusters:list', {});
    expect(answer.ok ? 'ok' : answer.error.kind).toBe('unauthorized');
    expect(links.at(-1)).toBe('unauthorized');
  });
});
