import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  registerAppProtocol,
} from '../../main/shell/adapters/app-protocol.js';
import { APP_ENTRY_URL, RENDERER_CSP, serveRendererFile } from '../../main/core/web/index.js';
import { makeClusterView, makeMembers } from '../renderer/fixtures.js';

const ROOT = '/srv/out/renderer';

describe('serveRendererFile', () => {
  it.each([
    ['app://renderer/', `${ROOT}/index.html`],
    ['app://renderer/index.html', `${ROOT}/index.html`],
    ['app://renderer/assets/index-abc.js?v=1#x', `${ROOT}/assets/index-abc.js`],
    ['app://renderer/assets/a%20b.css', `${ROOT}/assets/a b.css`],
    // the URL parser resolves dot segments (also %2e%2e) and clamps them at the root
    ['app://renderer/../../etc/passwd', `${ROOT}/etc/passwd`],
    ['app://renderer/%2e%2e/%2e%2e/etc/passwd', `${ROOT}/etc/passwd`],
  ])('%s → %s', (url, file) => {
    expect(serveRendererFile(ROOT, url)).toEqual({ path: file });
  });

  it.each([
    ['app://renderer/assets/..%2f..%2f..%2fetc%2fpasswd', 403],
    ['app://renderer/assets/%2e%2e%5c%2e%2e%5cwin.ini', 403],
    ['app://renderer/a%00.js', 403],
    ['app://renderer/%E0%A4%A', 403],
    ['app://renderer/.env', 404],
    ['app://other/index.html', 404],
    ['https://renderer/index.html', 404],
    ['garbage', 404],
  ])('%s → %s', (url, status) => {
    expect(serveRendererFile(ROOT, url)).toEqual({ status });
  });

  it('registers a standard, secure scheme without CORS bypass, with V8 code cache', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    });
    expect(APP_ENTRY_URL).toBe('app://renderer/index.html');
  });
});

describe('app:// handler over a real directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'app-protocol-'));
    mkdirSync(path.join(dir, 'renderer/assets'), { recursive: true });
    writeFileSync(path.join(dir, 'renderer/index.html'), '<!doctype html><title>x</title>');
    writeFileSync(path.join(dir, 'renderer/assets/app.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'secret.txt'), 'outside the root');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves files with type, CSP and nosniff; refuses traversal and unknown files', async () => {
    let scheme = '';
    let handler: ((r: Request) => Response | Promise<Response>) | undefined;
    const asked: unknown[] = [];
    const dispatch = (channel: unknown) => {
      asked.push(channel);
      return Promise.resolve({ ok: true as const, value: [] });
    };
    registerAppProtocol(
      { handle: (s, h) => ((scheme = s), (handler = h)) },
      path.join(dir, 'renderer'),
      dispatch,
    );
    expect(scheme).toBe('app');
    const get = async (url: string, method = 'GET') => {
      const res = await (handler ?? createAppProtocolHandler(dir, dispatch))(new Request(url, { method }));
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        csp: res.headers.get('content-security-policy'),
        nosniff: res.headers.get('x-content-type-options'),
        body: await res.text(),
      };
    };
    expect(await get('app://renderer/')).toEqual({
      status: 200,
      type: 'text/html; charset=utf-8',
      csp: RENDERER_CSP,
      nosniff: 'nosniff',
      body: '<!doctype html><title>x</title>',
    });
    expect((await get('app://renderer/assets/app.js')).type).toBe('text/javascript; charset=utf-8');
    expect((await get('app://renderer/assets/..%2f..%2fsecret.txt')).status).toBe(403);
    expect((await get('app://renderer/missing.js')).status).toBe(404);
    expect((await get('app://renderer/index.html', 'POST')).status).toBe(405);
    expect((await get('app://renderer/index.html', 'HEAD')).body).toBe('');
    // Only the GET of a page asks the core (for its first screen: none here, the page has no placeholder).
    expect(asked).toEqual(['clusters:list']);
  });

  it('serves the page with its first screen, drawn from the core’s answers', async () => {
    const boot = '<!doctype html><body><div id="app"><p class="boot">loading…</p></div></body>';
    writeFileSync(path.join(dir, 'renderer/index.html'), boot);
    const dispatch = (channel: unknown) =>
      Promise.resolve(
        channel === 'clusters:list'
          ? { ok: true as const, value: [makeClusterView({ id: 'prod', name: 'Production' })] }
          : { ok: true as const, value: { time: 1, members: makeMembers() } },
      );
    const res = await createAppProtocolHandler(
      path.join(dir, 'renderer'),
      dispatch,
    )(new Request('app://renderer/index.html'));
    const html = await res.text();
    expect(html).not.toContain('loading…');
    expect(html).toMatch(/<h2 class="[^"]*">Production<\/h2>/);
    expect(html).toContain('aria-rowcount="4"');
    expect(html).toContain('id="nomad-tray-early"');
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
  });
});
