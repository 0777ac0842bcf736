/**
 * Runtime hardening of the Electron session and every WebContents (Electron security checklist, items 5, 7,
 * 12–15: electronjs.org/docs/latest/tutorial/security). Pure of runtime Electron: the objects are passed in,
 * so every handler is unit-tested with fakes. The CSP and origin rules live in core/web (the browser shell
 * uses them too), the link rule in common/external-url.ts.
 */
import { isAllowedExternalUrl } from '../../common/external-url.js';
import { isSameOrigin } from '../core/web/index.js';

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

export interface HardenOptions {
  /** The app's own origin: `app://renderer` when packaged, the Vite dev server URL in development. */
  appOrigin: string;
  /** `shell.openExternal`; only ever receives URLs that passed isAllowedExternalUrl. */
  openExternal: (url: string) => Promise<void>;
  /** Where a failed openExternal is reported (never throws into Electron's event loop). */
  onError?: (message: string) => void;
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
