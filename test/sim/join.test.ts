import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startCluster, type SimCluster } from '../nomad-sim/index.js';
import { call } from './http.js';

const JoinReply = z.strictObject({ num_joined: z.number(), error: z.string(), warning: z.string() });

let c: SimCluster;
beforeEach(async () => {
  c = await startCluster({ serversPerRegion: 3, clients: 1, acl: true, leaveRecoveryMs: 100 });
});
afterEach(async () => {
  await c.close();
});

const join = async (query: string, token?: string) => {
  const a = await call(c.agent('server-1').url, `/v1/agent/join?${query}`, {
    method: 'PUT',
    ...(token !== undefined ? { token } : {}),
  });
  return {
    status: a.status,
    text: a.text,
    reply: a.status === 200 ? JoinReply.parse(JSON.parse(a.text)) : null,
  };
};

describe('PUT /v1/agent/join', () => {
  it('joins known serf addresses (default port 4648) with no warning for an agent:write token', async () => {
    const s2 = c.agent('server-2');
    const s3 = c.agent('server-3');
    const r = await join(`address=${s2.addr}&address=${s3.serfAddr}`, c.tokens?.agentWrite);
    expect(r.status).toBe(200);
    expect(r.reply).toEqual({ num_joined: 2, error: '', warning: '' });
  });

  it('reports failures inside a 200 as a go-multierror text', async () => {
    const one = await join('address=1.2.3.4', c.tokens?.management);
    expect(one.reply).toEqual({
      num_joined: 0,
      error:
        '1 error occurred:\n\t* failed to join 1.2.3.4:4648: dial tcp 1.2.3.4:4648: connect: connection refused\n\n',
      warning: '',
    });
    const two = await join('address=1.2.3.4:4648&address=5.6.7.8:7000', c.tokens?.management);
    expect(two.reply?.error).toBe(
      '2 errors occurred:\n' +
        '\t* failed to join 1.2.3.4:4648: dial tcp 1.2.3.4:4648: connect: connection refused\n' +
        '\t* failed to join 5.6.7.8:7000: dial tcp 5.6.7.8:7000: connect: connection refused\n\n',
    );
  });

  it('drops the error when at least one address joined', async () => {
    const r = await join(`address=1.2.3.4&address=${c.agent('server-2').serfAddr}`, c.tokens?.management);
    expect(r.reply).toEqual({ num_joined: 1, error: '', warning: '' });
  });

  it('re-admits a left or pruned member as alive', async () => {
    const s3 = c.agent('server-3');
    c.fail('server-3');
    await call(c.agent('server-1').url, '/v1/agent/force-leave?node=server-3.global&prune=true', {
      method: 'PUT',
      token: c.tokens?.management ?? '',
    });
    expect(c.memberNames()).not.toContain('server-3.global');
    c.fail('server-2');
    await call(c.agent('server-1').url, '/v1/agent/force-leave?node=server-2.global', {
      method: 'PUT',
      token: c.tokens?.management ?? '',
    });
    expect(c.memberStatus('server-2')).toBe('left');
    const r = await join(`address=${s3.serfAddr}&address=${c.agent('server-2').addr}`, c.tokens?.management);
    expect(r.reply?.num_joined).toBe(2);
    expect(c.memberStatus('server-3')).toBe('alive');
    expect(c.memberStatus('server-2')).toBe('alive');
  });

  it('still joins without agent:write but carries the deprecation warning', async () => {
    const r = await join(`address=${c.agent('server-2').serfAddr}`, c.tokens?.nodeRead);
    expect(r.reply).toEqual({
      num_joined: 1,
      error: '',
      warning: 'anonymous server join is deprecated and will be removed in a future version of Nomad',
    });
    const anon = await join(`address=${c.agent('server-2').serfAddr}`);
    expect(anon.reply?.warning).toMatch(/^anonymous server join is deprecated/);
  });

  it('needs an address (400), a server (501 on a client) and PUT/POST (405)', async () => {
    const missing = await join('', c.tokens?.management);
    expect([missing.status, missing.text]).toEqual([400, 'missing address to join']);
    const onClient = await call(c.agent('client-1').url, '/v1/agent/join?address=1.2.3.4', {
      method: 'PUT',
      token: c.tokens?.management ?? '',
    });
    expect([onClient.status, onClient.text]).toEqual([501, 'Invalid method']);
    const get = await call(c.agent('server-1').url, '/v1/agent/join?address=1.2.3.4');
    expect([get.status, get.text]).toEqual([405, 'Invalid method']);
  });
});

describe('join without ACLs', () => {
  it('never warns', async () => {
    const open = await startCluster({ serversPerRegion: 2 });
    try {
      const a = await call(
        open.agent('server-1').url,
        `/v1/agent/join?address=${open.agent('server-2').serfAddr}`,
        {
          method: 'POST',
        },
      );
      expect(JoinReply.parse(JSON.parse(a.text))).toEqual({ num_joined: 1, error: '', warning: '' });
    } finally {
      await open.close();
    }
  });
});
