import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createNomadClient } from '../../main/core/nomad/index.js';
import { blackHole, canned, json, refusedUrl } from './helpers/servers.js';
import { useServersAndClients } from './helpers/clients.js';
import type { Handler } from './helpers/servers.js';
import type { NomadClientOptions } from '../../main/core/nomad/index.js';

const TOKEN = 'c0ffee00-secret-token-0000-000000000001';
const { serve, client, track } = useServersAndClients(1000);

describe('transport failures', () => {
  it('connection refused → unreachable with ECONNREFUSED', async () => {
    const r = await (await client(await refusedUrl())).regions();
    expect(!r.ok && r.error).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED' });
  });

  it('an unknown host name → unreachable (ENOTFOUND or EAI_AGAIN)', async () => {
    const r = await (await client('http://no-such-host.invalid:4646')).regions();
    expect(!r.ok && r.error.kind).toBe('unreachable');
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(!r.ok && r.error.code);
  });

  it('a black-holed agent → timeout (headers timeout)', async () => {
    const hole = await blackHole();
    track(hole);
    const c = await client(hole.url, { connectTimeoutMs: 300, headersTimeoutMs: 300, bodyTimeoutMs: 300 });
    const r = await c.members();
    expect(!r.ok && r.error.kind).toBe('timeout');
    expect(!r.ok && r.error.code).toBe('UND_ERR_HEADERS_TIMEOUT');
  });

  it('a body that stalls → timeout (body timeout)', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('["glo');
    });
    const r = await (await client(s.url, { bodyTimeoutMs: 300 })).regions();
    expect(!r.ok && r.error.kind).toBe('timeout');
    expect(['UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']).toContain(!r.ok && r.error.code);
  });

  it('a socket reset mid-response → unreachable', async () => {
    const s = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('["glo', () => req.socket.destroy());
    });
    const r = await (await client(s.url)).regions();
    expect(!r.ok && r.error.kind).toBe('unreachable');
  });

  it("the caller's abort signal ends the request with a timeout-kind error", async () => {
    const hole = await blackHole();
    track(hole);
    const controller = new AbortController();
    const pending = (await client(hole.url)).regions(controller.signal);
    controller.abort();
    const r = await pending;
    expect(!r.ok && r.error.kind).toBe('timeout');
  });

  it('a closed client answers errors, never throws', async () => {
    const s = await serve(json(['global']));
    const c = await client(s.url);
    await c.close();
    const r = await c.regions();
    expect(r.ok).toBe(false);
  });
});

describe('HTTP statuses (plain-text bodies, never JSON-decoded)', () => {
  const cases: Array<[number, string, string]> = [
    [400, 'missing address to join', 'bad-request'],
    [403, 'Permission denied', 'forbidden'],
    [404, '', 'not-found'],
    [501, 'Invalid method', 'wrong-role'],
    [500, 'No cluster leader', 'no-leader'],
    [500, 'no servers', 'no-servers'],
    [500, 'No path to region', 'http'],
    [502, 'Bad Gateway', 'http'],
    [405, 'Invalid method', 'http'],
  ];
  for (const [status, body, kind] of cases) {
    it(`${status} "${body}" → ${kind}`, async () => {
      const s = await serve(canned(status, body));
      const r = await (await client(s.url)).regions();
      expect(!r.ok && r.error).toMatchObject({ kind, status, body });
    });
  }

  it('a JSON-looking error body stays text', async () => {
    const s = await serve(canned(500, '{"error":"boom"}', 'application/json'));
    const r = await (await client(s.url)).peers();
    expect(!r.ok && r.error).toMatchObject({ kind: 'http', body: '{"error":"boom"}' });
  });

  it('long error bodies are trimmed and capped near 1 KiB', async () => {
    const s = await serve(canned(500, `  ${'x'.repeat(5000)}\n`));
    const r = await (await client(s.url)).regions();
    expect(!r.ok && r.error.body?.startsWith('xxx')).toBe(true);
    expect(!r.ok && (r.error.body?.length ?? 0)).toBeLessThanOrEqual(1025);
  });

  it('a redirect is not followed: http error naming the Location', async () => {
    const target = await serve(json(['global']));
    const s = await serve((_req, res) => {
      res.writeHead(307, { location: `${target.url}/v1/regions` });
      res.end();
    });
    const r = await (await client(s.url)).regions();
    expect(!r.ok && r.error).toMatchObject({ kind: 'http', status: 307 });
    expect(!r.ok && r.error.message).toContain(`${target.url}/v1/regions`);
    expect(target.requests).toHaveLength(0);
  });
});

describe('invalid responses', () => {
  const bodies: Array<[string, Handler]> = [
    ['HTML', canned(200, '<html><body>proxy login</body></html>', 'text/html')],
    ['truncated JSON', canned(200, '["glob', 'application/json')],
    ['wrong shape', json({ regions: ['global'] })],
    ['empty body', canned(200, '', 'application/json')],
    ['invalid UTF-8', canned(200, Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]), 'application/json')],
    [
      'gzip garbage',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(Buffer.from('definitely not gzip'));
      },
    ],
  ];
  for (const [name, handler] of bodies) {
    it(`${name} → invalid-response`, async () => {
      const s = await serve(handler);
      const r = await (await client(s.url)).regions();
      expect(!r.ok && r.error.kind).toBe('invalid-response');
    });
  }

  it('gzip garbage names itself: the corrupt-gzip message and the zlib code', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(Buffer.from('definitely not gzip'));
    });
    const r = await (await client(s.url)).regions();
    expect(!r.ok && r.error).toMatchObject({
      kind: 'invalid-response',
      message: 'The agent sent a corrupt gzip body',
      code: expect.stringMatching(/^Z_/),
    });
  });

  it('a body over the size cap → invalid-response', async () => {
    const big = JSON.stringify(Array.from({ length: 2000 }, (_, i) => `region-${i}`));
    const s = await serve(json(JSON.parse(big)));
    const r = await (await client(s.url, { maxResponseBytes: 1024 })).regions();
    expect(!r.ok && r.error).toMatchObject({ kind: 'invalid-response', code: 'RESPONSE_TOO_LARGE' });
    const fine = await (await client(s.url, { maxResponseBytes: big.length })).regions();
    expect(fine.ok && fine.value.length).toBe(2000);
  });

  it('the cap applies to decompressed bytes (a small gzip that inflates past the cap)', async () => {
    const inflated = JSON.stringify(['a'.repeat(200_000)]);
    const zipped = gzipSync(inflated);
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(zipped);
    });
    expect(zipped.length).toBeLessThan(10_000);
    const r = await (await client(s.url, { maxResponseBytes: 10_000 })).regions();
    expect(!r.ok && r.error).toMatchObject({ kind: 'invalid-response', code: 'RESPONSE_TOO_LARGE' });
  });
});

describe('request building', () => {
  it('sends Accept-Encoding gzip and decodes a gzip answer', async () => {
    const s = await serve((req, res) => {
      const wantsGzip = (req.headers['accept-encoding'] ?? '').includes('gzip');
      res.writeHead(200, {
        'content-type': 'application/json',
        ...(wantsGzip ? { 'content-encoding': 'gzip' } : {}),
      });
      res.end(wantsGzip ? gzipSync(JSON.stringify(['eu', 'us'])) : '"no gzip asked"');
    });
    expect(await (await client(s.url)).regions()).toEqual({ ok: true, value: ['eu', 'us'] });
  });

  it('sends X-Nomad-Token, region and namespace on every request; never the token in errors', async () => {
    const s = await serve(canned(403, 'Permission denied'));
    const c = await client(s.url, { token: TOKEN, region: 'eu', namespace: 'ops' });
    const results = [await c.self(), await c.members(), await c.forceLeave('x.eu')];
    for (const r of results) {
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).not.toContain(TOKEN);
    }
    // Each 403 is followed by one token check (/v1/acl/token/self) to tell a refused token from a weak one.
    expect(s.requests.map((r) => new URL(r.url, 'http://x').pathname)).toEqual([
      '/v1/agent/self',
      '/v1/acl/token/self',
      '/v1/agent/members',
      '/v1/acl/token/self',
      '/v1/agent/force-leave',
      '/v1/acl/token/self',
    ]);
    for (const req of s.requests) {
      expect(req.headers['x-nomad-token']).toBe(TOKEN);
      const url = new URL(req.url, 'http://x');
      expect(url.searchParams.get('region')).toBe('eu');
      expect(url.searchParams.get('namespace')).toBe('ops');
    }
  });

  it('omits the token header and params when not set', async () => {
    const s = await serve(json(['global']));
    await (await client(s.url)).regions();
    expect(s.requests[0]?.headers['x-nomad-token']).toBeUndefined();
    expect(s.requests[0]?.url).toBe('/v1/regions');
  });

  it('URL userinfo and httpAuth become HTTP basic auth (httpAuth wins); the address drops userinfo', async () => {
    const s = await serve(json(['global']));
    const withUrl = await client(s.url.replace('http://', 'http://alice:s3cret@'));
    expect(withUrl.address).toBe(s.url);
    await withUrl.regions();
    await (await client(s.url, { httpAuth: 'bob:pw:with:colons' })).regions();
    await (await client(s.url, { httpAuth: 'carol' })).regions();
    const decoded = s.requests.map((r) =>
      Buffer.from((r.headers.authorization ?? '').replace('Basic ', ''), 'base64').toString(),
    );
    expect(decoded).toEqual(['alice:s3cret', 'bob:pw:with:colons', 'carol:']);
  });

  it('a base URL path prefix is kept (proxy in front of Nomad)', async () => {
    const s = await serve(json(['global']));
    await (await client(`${s.url}/nomad/`)).regions();
    expect(s.requests[0]?.url).toBe('/nomad/v1/regions');
  });
});

describe('config errors', () => {
  const bad: Array<[string, Partial<NomadClientOptions>]> = [
    ['ftp scheme', { address: 'ftp://127.0.0.1:4646' }],
    ['no scheme', { address: '127.0.0.1:4646' }],
    ['unparsable', { address: 'http://[::1' }],
    ['unix socket', { address: 'unix:///var/run/nomad.sock' }],
    ['zero timeout', { address: 'http://127.0.0.1:4646', headersTimeoutMs: 0 }],
  ];
  for (const [name, opts] of bad) {
    it(`${name} → config`, async () => {
      const r = await createNomadClient({ address: '', ...opts });
      expect(!r.ok && r.error.kind).toBe('config');
    });
  }

  it('a password in an unparsable URL does not reach the message', async () => {
    const r = await createNomadClient({ address: 'http://user:hunter2@[::1' });
    expect(!r.ok && r.error.message).not.toContain('hunter2');
  });
});
