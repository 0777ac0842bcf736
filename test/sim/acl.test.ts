import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type SimCluster, type SimTokens } from '../nomad-sim/index.js';
import { call, type CallOptions } from './http.js';

let c: SimCluster;
let t: SimTokens;
beforeAll(async () => {
  c = await startCluster({ serversPerRegion: 3, clients: 1, acl: true, leaveRecoveryMs: 50 });
  if (!c.tokens) throw new Error('acl cluster without tokens');
  t = c.tokens;
});
afterAll(async () => {
  await c.close();
});

interface Row {
  name: string;
  agent: 'server-1' | 'client-1';
  method: NonNullable<CallOptions['method']>;
  path: () => string;
  allowed: (t: SimTokens) => string;
  denied: (t: SimTokens) => string;
}

// The doc's ACL table (Pitfall 10), one row per protected endpoint.
const ROWS: Row[] = [
  {
    name: 'members',
    agent: 'server-1',
    method: 'GET',
    path: () => '/v1/agent/members',
    allowed: (x) => x.nodeRead,
    denied: (x) => x.agentWrite,
  },
  {
    name: 'self',
    agent: 'server-1',
    method: 'GET',
    path: () => '/v1/agent/self',
    allowed: (x) => x.agentRead,
    denied: (x) => x.nodeRead,
  },
  {
    name: 'servers GET',
    agent: 'client-1',
    method: 'GET',
    path: () => '/v1/agent/servers',
    allowed: (x) => x.agentRead,
    denied: (x) => x.operatorRead,
  },
  {
    name: 'force-leave',
    agent: 'server-1',
    method: 'PUT',
    path: () => '/v1/agent/force-leave?node=nope.global',
    allowed: (x) => x.agentWrite,
    denied: (x) => x.agentRead,
  },
  {
    name: 'servers PUT',
    agent: 'client-1',
    method: 'PUT',
    path: () => `/v1/agent/servers?address=${c.agent('server-1').rpcAddr}`,
    allowed: (x) => x.agentWrite,
    denied: (x) => x.agentRead,
  },
  {
    name: 'autopilot health',
    agent: 'server-1',
    method: 'GET',
    path: () => '/v1/operator/autopilot/health',
    allowed: (x) => x.operatorRead,
    denied: (x) => x.agentWrite,
  },
  {
    name: 'raft configuration',
    agent: 'server-1',
    method: 'GET',
    path: () => '/v1/operator/raft/configuration',
    allowed: (x) => x.management,
    denied: (x) => x.operatorRead,
  },
];

const OPEN = ['/v1/agent/health', '/v1/status/leader', '/v1/status/peers', '/v1/regions'];

const send = (row: Row, opts: CallOptions) =>
  call(c.agent(row.agent).url, row.path(), { method: row.method, ...opts });

describe('ACL table', () => {
  for (const row of ROWS) {
    it(`${row.name}: 200 with the capability, 403 Permission denied without it`, async () => {
      expect((await send(row, { token: row.allowed(t) })).status).toBe(200);
      expect((await send(row, { token: t.management })).status).toBe(200);
      for (const token of [row.denied(t), t.unknown, '']) {
        const a = await send(row, { token });
        expect([a.status, a.text, a.contentType]).toEqual([
          403,
          'Permission denied',
          'text/plain; charset=utf-8',
        ]);
      }
      const none = await send(row, {});
      expect([none.status, none.text]).toEqual([403, 'Permission denied']);
    });
  }

  it('health, status and regions need no token at all', async () => {
    for (const path of OPEN) {
      expect((await call(c.agent('server-1').url, path)).status).toBe(200);
      expect((await call(c.agent('server-1').url, path, { token: t.unknown })).status).toBe(200);
    }
  });

  it('reads Authorization: Bearer (any case of the scheme) when X-Nomad-Token is absent', async () => {
    const url = c.agent('server-1').url;
    expect((await call(url, '/v1/agent/members', { bearer: t.nodeRead })).status).toBe(200);
    const lower = await call(url, '/v1/agent/members', {
      headers: { authorization: `bearer ${t.nodeRead} extra` },
    });
    expect(lower.status).toBe(200);
    const basic = await call(url, '/v1/agent/members', { headers: { authorization: `Basic ${t.nodeRead}` } });
    expect(basic.status).toBe(403);
  });

  it('a revoked token becomes 403 Permission denied', async () => {
    const fresh = await startCluster({ serversPerRegion: 1, acl: true });
    try {
      const secret = fresh.tokens?.nodeRead ?? '';
      const url = fresh.agent('server-1').url;
      expect((await call(url, '/v1/agent/members', { token: secret })).status).toBe(200);
      fresh.revokeToken(secret);
      const a = await call(url, '/v1/agent/members', { token: secret });
      expect([a.status, a.text]).toEqual([403, 'Permission denied']);
    } finally {
      await fresh.close();
    }
  });
});
