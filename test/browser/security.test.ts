/**
 * Security of browser mode, against the REAL `npm start -- --browser` process and the simulator: bearer token
 * on every /api request (never from the query string), DNS-rebinding and Origin checks, body cap, no CORS,
 * loopback-only listeners, and the token printed nowhere but the URL line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../main/core/web/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { startCluster } from '../nomad-sim/index.js';
import type { BrowserProcess } from './browser-process.js';
import { startBrowserProcess } from './browser-process.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let sim: SimCluster;
let dir: string;
let app: BrowserProcess;

/** One raw HTTP request to the browser-mode server (node:http, so the Host header can be forged). */
function call(
  method: string,
  pathname: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: app.port,
        method,
        path: pathname,
        headers: { Host: `127.0.0.1:${app.port}`, ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const auth = (): Record<string, string> => ({
  Authorization: `Bearer ${app.token}`,
  'Content-Type': 'application/json',
});

beforeAll(async () => {
  sim = await startCluster({ serversPerRegion: 3 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'nomad-tray-browser-'));
  await writeFile(
    path.join(dir, 'settings.json'),
    JSON.stringify({
      schemaVersion: 1,
      clusters: [{ id: 'sim', name: 'sim', addresses: [sim.agent('server-1').url], pollIntervalMs: 500 }],
    }),
  );
  app = await startBrowserProcess(dir, { NOMAD_ADDR: sim.agent('server-1').url });
}, 90_000);

afterAll(async () => {
  await app?.stop();
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('browser mode security', () => {
  it('prints a URL with a token of at least 128 bits', () => {
    expect(Buffer.from(app.token, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('serves the page without the token, with the strict CSP and no CORS', async () => {
    const page = await call('GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="app">');
    // Served before the token is checked, so it carries no cluster data (no first screen, unlike the desktop app's).
    expect(page.body).not.toContain('nomad-tray-early');
    expect(page.body).not.toContain(sim.agent('server-1').url);
    expect(page.body).not.toContain('server-1');
    expect(page.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    const head = await call('HEAD', '/');
    expect([head.status, head.body, head.headers['content-length']]).toEqual([
      200,
      '',
      String(Buffer.byteLength(page.body)),
    ]);
    expect(head.headers['content-security-policy']).toBe(RENDERER_CSP);
    for (const escape of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets%2f..%2f..%2f..%2fpackage.json',
    ]) {
      const answer = await call('GET', escape);
      expect([403, 404]).toContain(answer.status);
      expect(answer.body).not.toContain('"devDependencies"');
    }
    expect((await call('GET', '/assets%2f..%2f..%2f..%2fpackage.json')).status).toBe(403);
  });

  it('answers the API only with the bearer token', async () => {
    expect(
      (await call('POST', '/api/invoke/clusters:list', { 'Content-Type': 'application/json' }, '{}')).status,
    ).toBe(401);
    const wrong = { ...auth(), Authorization: `Bearer ${'A'.repeat(app.token.length)}` };
    expect((await call('POST', '/api/invoke/clusters:list', wrong, '{}')).status).toBe(401);
    const basic = { ...auth(), Authorization: `Basic ${app.token}` };
    expect((await call('POST', '/api/invoke/clusters:list', basic, '{}')).status).toBe(401);
    const good = await call('POST', '/api/invoke/clusters:list', auth(), '{}');
    expect(good.status).toBe(200);
    expect(good.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(good.body)).toMatchObject({ ok: true });
  });

  it('never accepts the token in a query string', async () => {
    const q = `token=${app.token}`;
    expect(
      (await call('POST', `/api/invoke/clusters:list?${q}`, { 'Content-Type': 'application/json' }, '{}'))
        .status,
    ).toBe(401);
    expect((await call('GET', `/api/events?${q}`)).status).toBe(401);
    expect((await call('GET', `/api/events?access_token=${app.token}`)).status).toBe(401);
  });

  it('refuses a foreign Origin and a rebinding Host, even with the token', async () => {
    const foreign = await call(
      'POST',
      '/api/invoke/clusters:list',
      { ...auth(), Origin: 'http://evil.example' },
      '{}',
    );
    expect(foreign.status).toBe(403);
    const nullOrigin = await call('POST', '/api/invoke/clusters:list', { ...auth(), Origin: 'null' }, '{}');
    expect(nullOrigin.status).toBe(403);
    const own = await call('POST', '/api/invoke/clusters:list', { ...auth(), Origin: app.origin }, '{}');
    expect(own.status).toBe(200);
    const rebound = await call(
      'POST',
      '/api/invoke/clusters:list',
      { ...auth(), Host: `evil.example:${app.port}` },
      '{}',
    );
    expect(rebound.status).toBe(403);
    expect((await call('GET', '/', { Host: `evil.example:${app.port}` })).status).toBe(403);
    expect((await call('GET', '/', { Host: `127.0.0.1:${app.port + 1}` })).status).toBe(403);
    expect((await call('GET', '/', { Host: `localhost:${app.port}` })).status).toBe(200);
  });

  it('refuses preflights, oversized bodies, non-JSON bodies and unknown channels', async () => {
    const preflight = await call('OPTIONS', '/api/invoke/clusters:list', {
      Origin: app.origin,
      'Access-Control-Request-Method': 'POST',
    });
    expect(preflight.status).toBe(405);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(
      (await call('POST', '/api/invoke/settings:save', auth(), Buffer.alloc(300 * 1024, 0x20))).status,
    ).toBe(413);
    expect(
      (await call('POST', '/api/invoke/clusters:list', { ...auth(), 'Content-Type': 'text/plain' }, '{}'))
        .status,
    ).toBe(415);
    const unknown = await call('POST', '/api/invoke/clusters:drop', auth(), '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { kind: 'unknown-channel' } });
    const hostile = await call('POST', '/api/invoke/clusters:pollNow', auth(), '{"__proto__":{"x":1}}');
    expect(JSON.parse(hostile.body)).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    const garbage = await call('POST', '/api/invoke/clusters:list', auth(), '{not json');
    expect(garbage.status).toBe(400);
  });

  it('streams push events with the token (clusters:changed with the simulator members)', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: app.port,
          path: '/api/events',
          headers: { Authorization: `Bearer ${app.token}`, Accept: 'text/event-stream' },
        },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let buffer = '';
          res.setEncoding('utf8').on('data', (d: string) => {
            buffer += d;
            if (/event: clusters:changed\ndata: .*\n\n/.test(buffer)) {
              req.destroy();
              resolve(buffer);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(text).toContain('"id":"sim"');
  });

  it('listens on loopback addresses only', async () => {
    let ss = '';
    try {
      ss = execFileSync('ss', ['-ltnH'], { encoding: 'utf8' });
    } catch {
      console.warn(
        'ss is not available, so only the interface check runs because the listener list is unknown',
      );
    }
    if (ss) {
      const local = ss
        .split('\n')
        .map((l) => l.trim().split(/\s+/)[3] ?? '')
        .filter((a) => a.endsWith(`:${app.port}`));
      expect(local.length).toBeGreaterThan(0);
      for (const a of local) expect(['127.0.0.1', '[::1]']).toContain(a.slice(0, a.lastIndexOf(':')));
    }
    const outside = Object.values(os.networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && !i.internal && i.family === 'IPv4')
      .map((i) => i?.address ?? '');
    for (const address of outside) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: address, port: app.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    }
  });

  it('never prints the token except in the URL line', async () => {
    // Exercise paths that log: a wrong token, a token set through the API, then a clean stop.
    await call(
      'POST',
      '/api/invoke/settings:setToken',
      auth(),
      JSON.stringify({ clusterId: 'sim', token: app.token }),
    );
    await app.stop();
    expect(app.stdoutAfterUrl()).not.toContain(app.token);
    expect(app.stderr()).not.toContain(app.token);
    expect(app.stderr()).toContain('listening on 127.0.0.1:');
  });
});
