/** Public surface of the web module: the window's CSP, origin and link rules, and how its files are served. */
export { isAllowedExternalUrl, isSameOrigin, RENDERER_CSP, RENDERER_CSP_META } from './rules.js';
export {
  APP_ENTRY_URL,
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  contentTypeFor,
  serveRendererFile,
} from './files.js';
export type { ServeDecision } from './files.js';
