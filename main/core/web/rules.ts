/**
 * The window's web rules, shared by the Electron shell and the browser shell: its Content-Security-Policy, what
 * counts as the app's own origin. Pure. (Which links may go to the OS browser: common/external-url.ts.)
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

/**
 * True when `url` has exactly the app's scheme, host and port. Compared field by field with the URL parser
 * (never `startsWith`: `app://renderer.evil` must not match). `URL.origin` is "null" for custom schemes like
 * app://, hence the explicit fields.
 */
export function isSameOrigin(url: string, appOrigin: string): boolean {
  if (!URL.canParse(url) || !URL.canParse(appOrigin)) return false;
  const a = new URL(url);
  const b = new URL(appOrigin);
  return a.protocol === b.protocol && a.host === b.host && a.username === '' && a.password === '';
}
