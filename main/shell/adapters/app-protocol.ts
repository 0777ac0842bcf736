/**
 * The `app://` scheme (Electron security checklist item 18): its privileges, and the handler that answers a
 * request with the renderer file (readRendererFile, shared with the browser shell), its type, the CSP header
 * and nosniff. `protocol` is injected.
 */
import type { CustomScheme, Protocol } from 'electron';
import { withFirstScreen } from '../../../renderer/first-screen.js';
import { readRendererFile, type AppCore } from '../../app/index.js';
import { APP_SCHEME, RENDERER_CSP } from '../../core/web/index.js';

/**
 * Privileges for `protocol.registerSchemesAsPrivileged` (before `app.ready`): standard (real origin, relative
 * URLs), secure (like https), fetch allowed for the page's own assets, and V8's code cache (Chromium keeps it
 * for http(s) only unless a standard scheme asks: from the second opening on, the window's scripts are not
 * compiled again before the first paint). No CORS bypass, no service workers.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/**
 * A fetch-style handler for requests to app://renderer/… The page itself comes with its first screen drawn from
 * what `dispatch` (the app core's) answers (renderer/first-screen.ts).
 */
export function createAppProtocolHandler(rootDir: string, dispatch: AppCore['dispatch']) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const found = await readRendererFile(rootDir, request.url);
    if (found.status !== 200) return new Response(null, { status: found.status });
    const page = found.type.startsWith('text/html') && request.method === 'GET';
    const body = page
      ? await withFirstScreen(found.body.toString('utf8'), request.url, dispatch)
      : found.body;
    return new Response(
      request.method === 'HEAD' ? null : new Blob([typeof body === 'string' ? body : new Uint8Array(body)]),
      {
        headers: {
          'Content-Type': found.type,
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': RENDERER_CSP,
        },
      },
    );
  };
}

/**
 * Installs the handler on Electron's `protocol` (call after `app.ready` and before a window loads; the scheme
 * itself must be registered as privileged before ready with APP_SCHEME_PRIVILEGES).
 */
export function registerAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  rootDir: string,
  dispatch: AppCore['dispatch'],
): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir, dispatch));
}
