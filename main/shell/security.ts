/**
 * Runtime hardening of the Electron session and every WebContents (Electron security checklist, items 5, 7,
 * 12–15: electron-offline.md §3a). Pure of runtime Electron: the objects are passed in, so every handler is
 * unit-tested with fakes and the browser shell can reuse the CSP and URL rules.
 */

/**
 * The renderer's Content-Security-Policy as the `<meta>` in renderer/index.html carries it (a test keeps them
 * equal). `frame-ancestors` is not in it: browsers ignore that directive in a meta tag and log an error.
 */
export const RENDERER_CSP_META =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * The full policy, sent as a header by the app:// protocol handler and the browser shell: the meta policy plus
 * `frame-ancestors 'none'` (no page may frame the window). Svelte 5 needs no 'unsafe-eval'.
 */
export const RENDERER_CSP = `${RENDERER_CSP_META}; frame-ancestors 'none'`;

/** Longest URL we hand to the OS browser; anything longer is not a link a user clicked. */
const MAX_EXTERNAL_URL = 2048;

/** The slice of Session whose permission handlers we install (Electron grants everything by default). */
export interface PermissionSessionLike {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/** The navigation event's part we use (`url` is the non-deprecated source in Electron ≥ 25). */
export interface NavigationEventLike {
  preventDefault(): void;
  url?: string;
}

/** The slice of WebContents we harden. */
export interface WebContentsLike {
  on(event: 'will-navigate', listener: (event: NavigationEventLike, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEventLike, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The slice of App that announces new WebContents. */
export interface WebContentsCreatedSource {
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
}

/** Options of hardenWebContents. */
export interface HardenOptions {
  /** The app's own origin: `app://renderer` when packaged, the Vite dev server URL in development. */
  appOrigin: string;
  /** `shell.openExternal`; only ever receives URLs that passed isAllowedExternalUrl. */
  openExternal: (url: string) => Promise<void>;
  /** Where a failed openExternal is reported (never throws into Electron's event loop). */
  onError?: (message: string) => void;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` has exactly the app's scheme, host and port. Compared field by field with the URL parser
 * (never `startsWith`: `app://renderer.evil` must not match). `URL.origin` is "null" for custom schemes like
 * app://, hence the explicit fields.
 */
export function isSameOrigin(url: string, appOrigin: string): boolean {
  const a = parse(url);
  const b = parse(appOrigin);
  if (a === null || b === null) return false;
  return a.protocol === b.protocol && a.host === b.host && a.username === '' && a.password === '';
}

/** Links the app may hand to the OS browser: https only, with a host, no embedded credentials, sane length. */
export function isAllowedExternalUrl(url: string): boolean {
  if (url.length > MAX_EXTERNAL_URL) return false;
  const u = parse(url);
  return u !== null && u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '';
}

/** Denies every permission request and check: the UI needs none (notifications are raised by main). */
export function hardenSession(session: PermissionSessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Locks one WebContents down: no navigation or redirect away from the app's origin, no new windows (validated
 * https links go to the OS browser instead), no <webview> attachment.
 */
export function hardenWebContents(contents: WebContentsLike, options: HardenOptions): void {
  const guard = (event: NavigationEventLike, legacyUrl: string): void => {
    const url = typeof event.url === 'string' ? event.url : legacyUrl;
    if (!isSameOrigin(url, options.appOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      options.openExternal(url).catch((e: unknown) => {
        options.onError?.(`could not open ${url}: ${e instanceof Error ? e.message : String(e)}`);
      });
    }
    return { action: 'deny' };
  });
}

/** Hardens every WebContents the app ever creates (windows, devtools, anything a bug might spawn). */
export function hardenAllWebContents(app: WebContentsCreatedSource, options: HardenOptions): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options));
}
