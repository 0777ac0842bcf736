/**
 * Registers the `app://` handler: resolves with serveRendererFile (pure, traversal-safe), reads the file and
 * answers with its type, the CSP header and nosniff. The file reader and `protocol` are injected.
 */
import nodeFs from 'node:fs/promises';
import type { Protocol } from 'electron';
import { APP_SCHEME, contentTypeFor, serveRendererFile } from '../app-protocol.js';
import { RENDERER_CSP } from '../security.js';

/** Reads a whole file (node:fs/promises readFile in production). */
export type ReadFile = (file: string) => Promise<Uint8Array>;

/** A fetch-style handler for requests to app://renderer/… */
export function createAppProtocolHandler(rootDir: string, readFile: ReadFile = (f) => nodeFs.readFile(f)) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const decision = serveRendererFile(rootDir, request.url);
    if ('status' in decision) return new Response(null, { status: decision.status });
    let body: Uint8Array;
    try {
      body = await readFile(decision.path);
    } catch {
      return new Response(null, { status: 404 });
    }
    const headers: Record<string, string> = {
      'Content-Type': contentTypeFor(decision.path),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': RENDERER_CSP,
    };
    return new Response(request.method === 'HEAD' ? null : new Blob([new Uint8Array(body)]), {
      status: 200,
      headers,
    });
  };
}

/**
 * Installs the handler on Electron's `protocol` (call after `app.ready`; the scheme itself must be registered
 * as privileged before ready with APP_SCHEME_PRIVILEGES).
 */
export function registerAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  rootDir: string,
  readFile?: ReadFile,
): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir, readFile));
}
