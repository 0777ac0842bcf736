import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startCluster, type SimCluster } from '../nomad-sim/index.js';
import { call } from './http.js';

let c: SimCluster;
beforeEach(async () => {
  c = await startCluster({ regions: ['global', 'eu'], serversPerRegion: 3, clients: 1, acl: true });
});
afterEach(async () => {
  await c.close();
});

const list = async (token: string | undefined) => {
  const a = await call(c.agent('client-1').url, '/v1/agent/servers', token !== undefined ? { token } : {});
  return a.status === 200 ? z.array(z.string()).parse(JSON.parse(a.text)) : a;
};

describe('/v1/agent/servers', () => {
  it('GET on a client lists its rpc servers sorted', async () => {
    const got = await list(c.tokens?.agentRead);
    expect(got).toEqual(
      c
        .servers('global')
        .map((s) => s.rpcAddr)
        .sort(),
    );
  });

  it('GET/PUT on a server agent is 501 Invalid method', async () => {
    const s = c.agent('server-1');
    const get = await call(s.url, '/v1/agent/servers', { token: c.tokens?.management ?? '' });
    expect([get.status, get.text]).toEqual([501, 'Invalid method']);
    const put = await call(s.url, '/v1/agent/servers?address=1.2.3.4', {
      method: 'PUT',
      token: c.tokens?.management ?? '',
    });
    expect([put.status, put.text]).toEqual([501, 'Invalid method']);
  });

  it('PUT without address is 400 missing server address, even before the ACL check', async () => {
    const a = await call(c.agent('client-1').url, '/v1/agent/servers', { method: 'PUT' });
    expect([a.status, a.text, a.contentType]).toEqual([
      400,
      'missing server address',
      'text/plain; charset=utf-8',
    ]);
    const denied = await call(c.agent('client-1').url, '/v1/agent/servers?address=1.2.3.4', {
      method: 'PUT',
    });
    expect([denied.status, denied.text]).toEqual([403, 'Permission denied']);
  });

  it('PUT replaces the list with the addresses that answered (default port 4647)', async () => {
    const eu1 = c.agent('eu-server-1');
    const s2 = c.agent('server-2');
    c.fail('server-3');
    const a = await call(
      c.agent('client-1').url,
      `/v1/agent/servers?address=${eu1.addr}&address=${s2.rpcAddr}&address=${c.agent('server-3').rpcAddr}&address=9.9.9.9`,
      { method: 'POST', token: c.tokens?.agentWrite ?? '' },
    );
    expect([a.status, a.text]).toEqual([200, '']);
    expect(await list(c.tokens?.agentWrite)).toEqual([eu1.rpcAddr, s2.rpcAddr].sort());
  });

  it('PUT where nobody answers is 400 with the multierror text and keeps the old list', async () => {
    const before = await list(c.tokens?.agentRead);
    const a = await call(c.agent('client-1').url, '/v1/agent/servers?address=1.2.3.4', {
      method: 'PUT',
      token: c.tokens?.agentWrite ?? '',
    });
    expect(a.status).toBe(400);
    expect(a.text).toMatch(/^1 error occurred:\n\t\* Server at address 1\.2\.3\.4:4647 failed ping: .+\n\n$/);
    expect(await list(c.tokens?.agentRead)).toEqual(before);
  });

  it('rejects other methods with 405', async () => {
    const a = await call(c.agent('client-1').url, '/v1/agent/servers', { method: 'DELETE' });
    expect([a.status, a.text]).toEqual([405, 'Invalid method']);
  });
});
