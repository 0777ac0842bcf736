/**
 * The built window (out/renderer) without an app behind it, for render, screenshot and bench runs in real
 * Chromium: a tiny read-only static server for out/renderer, and the init script that plays the preload API
 * (`window.nomadTray`) from scripted answers, including the core's heartbeat (without it the window would
 * rightly turn blind after a few seconds). One copy for test/renderer/*.test.ts and bench/renderer.ts.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findChromium } from './chromium.js';
import { extname, join, normalize, resolve } from 'node:path';

export const RENDERER_ROOT = resolve('out/renderer');

/** Chromium for a browser test of the built window, or why that test skips (no Chromium, or no build). */
export function builtWindowBrowser(): { chromium: string; skip: string | null } {
  const found = findChromium();
  if ('missing' in found) return { chromium: '', skip: found.missing };
  const built = existsSync(join(RENDERER_ROOT, 'index.html'));
  return {
    chromium: found.path,
    skip: built ? null : 'the renderer is not built (run npx electron-vite build)',
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface Site {
  /** http://127.0.0.1:PORT/ */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `root` read-only on 127.0.0.1 (no directory escapes; the query string is ignored), plus `extra`
 * bodies (JSON) at fixed paths (a path with its query string first, e.g. a first page `?limit=100`). `page`, when
 * given, makes each HTML page (with the request's query string) as the Electron shell's app:// handler does: with
 * its first screen.
 */
export async function serveRenderer(
  root = RENDERER_ROOT,
  extra: ReadonlyMap<string, string> = new Map(),
  page?: (html: string, search: string) => Promise<string>,
): Promise<Site> {
  const server = createServer((req, res) => {
    const { pathname, search } = new URL(req.url ?? '/', 'http://x');
    const body = extra.get(pathname + search) ?? extra.get(pathname);
    if (body !== undefined) return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
    const file = join(root, normalize(decodeURIComponent(pathname === '/' ? 'index.html' : pathname)));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    readFile(file)
      .then((data): Promise<string | Buffer> | Buffer =>
        page && file.endsWith('.html') ? page(data.toString('utf8'), search) : data,
      )
      .then(
        (data) =>
          res
            .writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
            .end(data),
        () => res.writeHead(404).end(),
      );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/**
 * What the fake API answers: inline, or (bench) each channel's answer fetched from `${answersUrl}/${channel}`
 * when the renderer asks for that channel, as each preload answer travels on its own (a 404 is an unscripted
 * channel). Fetched per channel, so a small answer such as `clusters:list` never waits for a large one. A
 * request with a `limit` (a first page of `members:list`) is fetched from `${channel}?limit=N` (the server
 * holds that page as the core would answer it); inline, `pages` answers it as the core does: the first
 * `limit` members of the scripted list (scripted in the default order) with the total.
 */
export interface FakeApiData {
  answers?: Record<string, unknown>;
  answersUrl?: string;
  /** Channels whose scripted answer is a map by the request's `clusterId` (e.g. `members:list`). */
  byCluster?: string[];
  /** An unscripted channel answers `null` (default) or an `unsupported` error. */
  unscripted?: 'null' | 'unsupported';
  /** Inline answers: a request with a `limit` gets the first `limit` members and the total (see above). */
  pages?: boolean;
}

/** One recorded invoke: channel, request and when it was sent (performance.now()). */
export interface FakeCall {
  channel: string;
  request: unknown;
  at: number;
}

/**
 * Runs in the page before the app (page.addInitScript(installFakeApi, data)): `window.nomadTray` answering
 * from `data`, every invoke recorded in `window.calls`, `window.emit(event, payload)` to push events, a 1 s
 * heartbeat to every `app:heartbeat` subscriber, and CSP violations collected in `window.cspViolations`.
 * `window.coreStopped = true` plays a core that stopped answering (a hung main process): no heartbeat, and
 * invokes never answer; false again and it answers as before. `window.holdWhole = true` holds every whole
 * `members:list` answer (no `limit`) until `window.releaseWhole()`.
 * Self-contained: Playwright sends its source text into the page.
 */
export function installFakeApi(data: FakeApiData): void {
  const w = window as unknown as Record<string, unknown>;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: { channel: string; request: unknown; at: number }[] = [];
  w.calls = calls;
  w.emit = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  w.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    (w.cspViolations as string[]).push(
      `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
    ),
  );
  const own = (o: unknown, key: string): boolean =>
    typeof o === 'object' && o !== null && Object.prototype.hasOwnProperty.call(o, key);
  /** The scripted answer of `channel`: `{ answer }`, or null when it has none. */
  const limitOf = (request: unknown): number | null => {
    const limit = (request as { limit?: unknown } | null)?.limit;
    return typeof limit === 'number' ? limit : null;
  };
  const scripted = (channel: string, limit: number | null): Promise<{ answer: unknown } | null> => {
    if (data.answersUrl === undefined) {
      const all = data.answers ?? {};
      return Promise.resolve(own(all, channel) ? { answer: all[channel] } : null);
    }
    const page = limit === null ? '' : `?limit=${limit}`;
    return fetch(`${data.answersUrl}/${encodeURIComponent(channel)}${page}`).then((r) =>
      r.ok ? (r.json() as Promise<unknown>).then((answer) => ({ answer })) : null,
    );
  };
  /** An inline answer paged as the core pages it (`pages`): the first `limit` members and the total. */
  const paged = (value: unknown, limit: number | null): unknown => {
    const members = (value as { members?: unknown } | null)?.members;
    if (!data.pages || limit === null || !Array.isArray(members)) return value;
    return { ...(value as object), members: members.slice(0, limit), total: members.length };
  };
  const waiting: (() => void)[] = [];
  w.releaseWhole = () => {
    w.holdWhole = false;
    for (const release of waiting.splice(0)) release();
  };
  const held = (channel: string, limit: number | null): Promise<void> =>
    channel !== 'members:list' || limit !== null || w.holdWhole !== true
      ? Promise.resolve()
      : new Promise((resolve) => waiting.push(resolve));
  w.nomadTray = {
    invoke: (channel: string, request: unknown) => {
      calls.push({ channel, request, at: performance.now() });
      if (w.coreStopped === true) return new Promise(() => undefined);
      const limit = limitOf(request);
      return Promise.all([scripted(channel, limit), held(channel, limit)]).then(([found]) => {
        if (found === null)
          return data.unscripted === 'unsupported'
            ? { ok: false, error: { kind: 'unsupported', message: `${channel} is not scripted` } }
            : { ok: true, value: null };
        const { answer } = found;
        if (!(data.byCluster ?? []).includes(channel)) return { ok: true, value: answer };
        const id = String((request as { clusterId?: unknown } | null)?.clusterId);
        const value = own(answer, id) ? (answer as Record<string, unknown>)[id] : null;
        return { ok: true, value: paged(value, limit) };
      });
    },
    on: (event: string, callback: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(callback);
      const beat =
        event === 'app:heartbeat'
          ? setInterval(() => w.coreStopped === true || callback({ intervalMs: 1_000 }), 1_000)
          : undefined;
      return () => {
        clearInterval(beat);
        set.delete(callback);
      };
    },
  };
}

/**
 * installFakeApi as an init script (page.addInitScript({ content })). The shim covers the `__name` helper some
 * TypeScript runners (tsx: keepNames) insert into function bodies, which does not exist in the page.
 */
export function fakeApiScript(data: FakeApiData): string {
  return `(() => { const __name = (f) => f; (${installFakeApi.toString()})(${JSON.stringify(data)}); })();`;
}
