/**
 * The client's fast paths give the same answers as the straightforward ones: leader lookups started with the
 * member list (regions guessed from the previous answer), bodies buffered and gunzipped in one call (with the
 * streaming reader for big ones).
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useServersAndClients } from './helpers/clients.js';
import type { Handler } from './helpers/servers.js';

const { serve, client } = useServersAndClients(2000);

function member(name: string, region: string, octet: number): Record<string, unknown> {
  return {
    Name: `${name}.${region}`,
    Addr: `10.0.0.${octet}`,
    Port: 4648,
    Status: 'alive',
    Tags: { region, dc: 'dc1', port: '4647', build: '1.9.3' },
  };
}

/** An agent whose member list is whatever `state.members` says now; leaders are the first server per region. */
async function agent(state: { members: Array<Record<string, unknown>>; failMembers: boolean }) {
  return serve((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/v1/agent/members') {
      if (state.failMembers) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('rpc error: boom');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ ServerName: 's', ServerRegion: 'a', ServerDC: 'dc1', Members: state.members }),
      );
      return;
    }
    if (url.pathname === '/v1/status/leader') {
      const region = url.searchParams.get('region') ?? '';
      const lead = state.members.find((m) => (m['Tags'] as Record<string, string>)['region'] === region);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(lead === undefined ? '' : `${String(lead['Addr'])}:4647`));
      return;
    }
    res.writeHead(404);
    res.end();
  });
}

describe('leader lookups started with the member list', () => {
  it('follows the regions of each answer: a new region is asked, a gone one dropped', async () => {
    const state = { members: [member('s1', 'a', 1)], failMembers: false };
    const s = await agent(state);
    const c = await client(s.url);

    const first = await c.members();
    expect(first.ok && first.value.leaders).toEqual({ a: { ok: true, address: '10.0.0.1:4647' } });

    state.members = [member('s1', 'a', 1), member('s2', 'b', 2)];
    const second = await c.members();
    expect(second.ok && second.value.leaders).toEqual({
      a: { ok: true, address: '10.0.0.1:4647' },
      b: { ok: true, address: '10.0.0.2:4647' },
    });
    expect(second.ok && second.value.members.filter((m) => m.leader).map((m) => m.name)).toEqual([
      's1.a',
      's2.b',
    ]);

    state.members = [member('s2', 'b', 2)];
    const third = await c.members();
    expect(third.ok && Object.keys(third.value.leaders)).toEqual(['b']);
  });

  it('stops guessing after a failed member list (one request per poll to a failing agent)', async () => {
    const state = { members: [member('s1', 'a', 1), member('s2', 'b', 2)], failMembers: false };
    const s = await agent(state);
    const c = await client(s.url);
    expect((await c.members()).ok).toBe(true);
    state.failMembers = true;
    expect((await c.members()).ok).toBe(false);
    const before = s.requests.length;
    const again = await c.members();
    expect(!again.ok && again.error.kind).toBe('http');
    expect(s.requests.slice(before).map((r) => r.url)).toEqual(['/v1/agent/members']);
  });
});

describe('response bodies', () => {
  const big = JSON.stringify(Array.from({ length: 40_000 }, (_, i) => `region-${i}-${(i * 7919) % 10007}`));

  it('a gzip body far above the buffering size reads whole through the streaming reader', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      const gz = gzipSync(big, { level: 0 });
      for (let i = 0; i < gz.length; i += 50_000) res.write(gz.subarray(i, i + 50_000));
      res.end();
    });
    const r = await (await client(s.url)).regions();
    expect(r.ok && r.value.length).toBe(40_000);
  });

  it('a small gzip body that inflates past the cap → RESPONSE_TOO_LARGE', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify(['x'.repeat(200_000)])));
    });
    const r = await (await client(s.url, { maxResponseBytes: 100_000 })).regions();
    expect(!r.ok && r.error).toMatchObject({ kind: 'invalid-response', code: 'RESPONSE_TOO_LARGE' });
  });

  it('a long error body reads the same (capped) gzipped or not', async () => {
    const text = `boom ${'e'.repeat(40_000)}`;
    const answer =
      (gzip: boolean): Handler =>
      (_req, res) => {
        res.writeHead(500, { 'content-type': 'text/plain', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
        res.end(gzip ? gzipSync(text) : text);
      };
    const plain = await (await client((await serve(answer(false))).url)).regions();
    const zipped = await (await client((await serve(answer(true))).url)).regions();
    expect(plain.ok).toBe(false);
    expect(zipped).toEqual(plain);
  });
});
