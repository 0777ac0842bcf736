import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type SimCluster } from '../nomad-sim/index.js';
import { call } from './http.js';

let c: SimCluster;
let url: string;
beforeAll(async () => {
  c = await startCluster({ serversPerRegion: 1 });
  url = c.agent('server-1').url;
});
afterAll(async () => {
  await c.close();
});

describe('wire conventions', () => {
  it('answers 404 with an empty body for unknown paths and trailing slashes', async () => {
    for (const path of ['/v1/agent/members/', '/v1/nope', '/v1/status/leader/', '/v1']) {
      const a = await call(url, path);
      expect([a.status, a.text]).toEqual([404, '']);
    }
  });

  it('redirects / to /ui/ with 307', async () => {
    const a = await call(url, '/');
    expect([a.status, a.headers['location']]).toEqual([307, '/ui/']);
  });

  it('answers 405 Invalid method (plain text, no newline) for a wrong method', async () => {
    for (const path of [
      '/v1/agent/members',
      '/v1/agent/self',
      '/v1/status/leader',
      '/v1/regions',
      '/v1/agent/health',
    ]) {
      const a = await call(url, path, { method: 'PUT' });
      expect([a.status, a.text, a.contentType]).toEqual([405, 'Invalid method', 'text/plain; charset=utf-8']);
    }
    const raft = await call(url, '/v1/operator/raft/configuration', { method: 'PUT' });
    expect([raft.status, raft.text]).toEqual([405, '']);
  });

  it('gzips bodies (success and error) when Accept-Encoding has gzip', async () => {
    const a = await call(url, '/v1/status/leader', { headers: { 'Accept-Encoding': 'gzip, deflate' } });
    expect(a.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(a.body).toString('utf8'))).toBe(c.agent('server-1').rpcAddr);
    const e = await call(url, '/v1/status/leader?region=mars', { headers: { 'Accept-Encoding': 'gzip' } });
    expect([e.status, gunzipSync(e.body).toString('utf8')]).toEqual([500, 'No path to region']);
    const plain = await call(url, '/v1/status/leader');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(JSON.stringify(c.agent('server-1').rpcAddr));
  });

  it('indents JSON with a trailing newline for ?pretty (but not ?pretty=0)', async () => {
    const pretty = await call(url, '/v1/agent/health?pretty');
    expect(pretty.text).toBe(`${JSON.stringify({ server: { ok: true, message: 'ok' } }, null, 4)}\n`);
    const zero = await call(url, '/v1/agent/health?pretty=0');
    expect(zero.text).toBe('{"server":{"ok":true,"message":"ok"}}');
  });

  it('rejects a bad stale value with the Go parse error', async () => {
    const a = await call(url, '/v1/status/leader?stale=maybe');
    expect([a.status, a.text]).toEqual([400, 'Expect `true` or `false` for `stale` query string parameter']);
  });
});
