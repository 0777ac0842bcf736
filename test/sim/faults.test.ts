import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCluster, type SimCluster } from '../nomad-sim/index.js';
import { call, failure, waitFor } from './http.js';

let c: SimCluster;
let url: string;
beforeEach(async () => {
  c = await startCluster({ serversPerRegion: 2 });
  url = c.agent('server-1').url;
});
afterEach(async () => {
  await c.close();
});

describe('faults', () => {
  it('stop refuses connections; clear listens again on the same port', async () => {
    c.inject('server-1', { kind: 'stop' });
    expect(await failure(call(url, '/v1/agent/health'))).toBe('ECONNREFUSED');
    expect((await call(c.agent('server-2').url, '/v1/agent/health')).status).toBe(200);
    c.clear('server-1');
    await c.ready();
    expect(c.agent('server-1').url).toBe(url);
    expect((await call(url, '/v1/agent/health')).status).toBe(200);
  });

  it('blackhole accepts but never answers, and close() still finishes', async () => {
    c.inject('server-1', { kind: 'blackhole' });
    const code = await failure(request(`${url}/v1/agent/members`, { headersTimeout: 200 }));
    expect(code).toBe('UND_ERR_HEADERS_TIMEOUT');
    await waitFor(() => c.openConnections('server-1') === 0);
    const pending = failure(request(`${url}/v1/agent/members`));
    await waitFor(() => c.openConnections('server-1') === 1);
    await c.close();
    expect(await pending).toMatch(/UND_ERR_SOCKET|ECONNRESET|UND_ERR_CLOSED/);
  });

  it('delay answers normally, later', async () => {
    c.inject('server-1', { kind: 'delay', ms: 3000 }, ['/v1/status/leader']);
    const slow = await failure(request(`${url}/v1/status/leader`, { headersTimeout: 100 }));
    expect(slow).toBe('UND_ERR_HEADERS_TIMEOUT');
    c.clear('server-1');
    c.inject('server-1', { kind: 'delay', ms: 30 });
    const a = await call(url, '/v1/status/leader');
    expect(JSON.parse(a.text)).toBe(c.agent('server-1').rpcAddr);
  });

  it('reset destroys the socket mid-body', async () => {
    c.inject('server-1', { kind: 'reset' });
    const code = await failure(call(url, '/v1/agent/members'));
    expect(code).not.toBe('no error');
  });

  it('garbage bodies: html, truncated, wrong shape, invalid utf-8, fake gzip, empty', async () => {
    const get = async (body: Parameters<typeof garbage>[0]) => {
      garbage(body);
      return call(url, '/v1/agent/members');
    };
    const garbage = (
      body: 'html' | 'truncated-json' | 'wrong-shape' | 'invalid-utf8' | 'gzip-garbage' | 'empty',
    ) => {
      c.clear('server-1');
      c.inject('server-1', { kind: 'garbage', body });
    };
    const html = await get('html');
    expect([html.status, html.contentType]).toEqual([200, 'text/html; charset=utf-8']);
    expect(html.text).toContain('<form');
    const truncated = await get('truncated-json');
    expect(() => JSON.parse(truncated.text)).toThrow();
    const wrong = await get('wrong-shape');
    expect(JSON.parse(wrong.text)).not.toHaveProperty('ServerName');
    const bad = await get('invalid-utf8');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bad.body)).toThrow();
    const gz = await get('gzip-garbage');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(() => gunzipSync(gz.body)).toThrow();
    const empty = await get('empty');
    expect([empty.status, empty.body.length]).toEqual([200, 0]);
  });

  it('huge streams ~16 MiB', async () => {
    c.inject('server-1', { kind: 'garbage', body: 'huge' });
    const res = await request(`${url}/v1/agent/members`);
    let total = 0;
    for await (const chunk of res.body) total += (chunk as Buffer).length;
    expect(total).toBe(16 * 1024 * 1024);
  });

  it('close() ends a huge stream that nobody reads', async () => {
    c.inject('server-1', { kind: 'garbage', body: 'huge' });
    const res = await request(`${url}/v1/agent/members`);
    expect(res.statusCode).toBe(200);
    await c.close();
    expect(await failure(res.body.arrayBuffer())).not.toBe('no error');
  });

  it('canned status and redirect, optionally only on some paths', async () => {
    c.inject('server-1', { kind: 'status', status: 503, body: 'upstream down' }, ['/v1/agent/members']);
    const canned = await call(url, '/v1/agent/members');
    expect([canned.status, canned.text]).toEqual([503, 'upstream down']);
    expect((await call(url, '/v1/agent/health')).status).toBe(200);
    c.inject('server-1', { kind: 'redirect', location: 'http://127.0.0.2:1/v1/agent/members' });
    const moved = await call(url, '/v1/agent/health');
    expect([moved.status, moved.headers['location']]).toEqual([302, 'http://127.0.0.2:1/v1/agent/members']);
    c.clear('server-1');
    expect((await call(url, '/v1/agent/members')).status).toBe(200);
  });
});
