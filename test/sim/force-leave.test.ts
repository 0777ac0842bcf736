import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCluster, type SimCluster } from '../nomad-sim/index.js';
import { call, waitFor } from './http.js';

let c: SimCluster;
beforeEach(async () => {
  c = await startCluster({ serversPerRegion: 3, clients: 1, leaveRecoveryMs: 150 });
});
afterEach(async () => {
  await c.close();
});

const put = (path: string) => call(c.agent('server-1').url, path, { method: 'PUT' });

describe('PUT /v1/agent/force-leave', () => {
  it('answers 200 with an empty body and changes nothing for an unknown name', async () => {
    const a = await put('/v1/agent/force-leave?node=nope');
    expect(a.status).toBe(200);
    expect(a.text).toBe('');
    expect(c.memberNames()).toHaveLength(3);
    expect(c.servers().map((s) => c.memberStatus(s.name))).toEqual(['alive', 'alive', 'alive']);
  });

  it('silently ignores a short name without the .region suffix', async () => {
    c.fail('server-3');
    const a = await put('/v1/agent/force-leave?node=server-3');
    expect(a.status).toBe(200);
    expect(a.text).toBe('');
    expect(c.memberStatus('server-3')).toBe('failed');
  });

  it('turns a failed member into left', async () => {
    c.fail('server-3');
    const a = await call(c.agent('server-2').url, '/v1/agent/force-leave?node=server-3.global', {
      method: 'POST',
    });
    expect(a.status).toBe(200);
    expect(c.memberStatus('server-3')).toBe('left');
    expect(c.memberNames()).toContain('server-3.global');
  });

  it('marks an alive member leaving, then it refutes and is alive again', async () => {
    await put('/v1/agent/force-leave?node=server-2.global');
    expect(c.memberStatus('server-2')).toBe('leaving');
    await waitFor(() => c.memberStatus('server-2') === 'alive');
    expect(c.memberStatus('server-2')).toBe('alive');
  });

  it('prune erases a failed member from the list', async () => {
    c.fail('server-3');
    const a = await put('/v1/agent/force-leave?node=server-3.global&prune=true');
    expect(a.status).toBe(200);
    expect(c.memberNames()).not.toContain('server-3.global');
    const list = await call(c.agent('server-1').url, '/v1/agent/members');
    expect(list.text).not.toContain('server-3.global');
  });

  it('prune of an alive member erases it, then it comes back alive through gossip', async () => {
    await put('/v1/agent/force-leave?node=server-2.global&prune=1');
    expect(c.memberNames()).not.toContain('server-2.global');
    await waitFor(() => c.memberNames().includes('server-2.global'));
    expect(c.memberStatus('server-2')).toBe('alive');
  });

  it('rejects a bad prune value and a missing node with 400 plain text', async () => {
    const bad = await put('/v1/agent/force-leave?node=server-2.global&prune=maybe');
    expect([bad.status, bad.text, bad.contentType]).toEqual([
      400,
      'invalid prune value',
      'text/plain; charset=utf-8',
    ]);
    const missing = await put('/v1/agent/force-leave');
    expect([missing.status, missing.text]).toEqual([400, 'missing node to force leave']);
    expect(c.memberStatus('server-2')).toBe('alive');
  });

  it('is server-only (501 on a client) and PUT/POST-only (405 on GET)', async () => {
    const onClient = await call(c.agent('client-1').url, '/v1/agent/force-leave?node=server-2.global', {
      method: 'PUT',
    });
    expect([onClient.status, onClient.text]).toEqual([501, 'Invalid method']);
    const get = await call(c.agent('server-1').url, '/v1/agent/force-leave?node=server-2.global');
    expect([get.status, get.text]).toEqual([405, 'Invalid method']);
  });

  it('a graceful leave() shows leaving, then left', async () => {
    c.leave('server-3');
    expect(c.memberStatus('server-3')).toBe('leaving');
    await waitFor(() => c.memberStatus('server-3') === 'left');
    const list = await call(c.agent('server-1').url, '/v1/agent/members');
    expect(list.text).toContain('"Name":"server-3.global","Addr":"127.0.1.3","Port":4648');
  });
});
