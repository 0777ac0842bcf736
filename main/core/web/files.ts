/**
 * The built renderer's files as the app serves them: the `app://renderer` origin the Electron window loads
 * (instead of `file://`, so the GrantFileProtocolExtraPrivileges fuse can stay off) and the browser shell maps
 * its HTTP paths onto. URL → file path with path-traversal checks, and the Content-Type to send. Pure.
 */
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
/** The renderer's origin; what navigation guards compare with. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** What to serve: a file inside the root, or a refusal. */
export type ServeDecision = { path: string } | { status: 403 | 404 };

/**
 * Resolves an `app://renderer/<path>` request to a file under `rootDir`. Refuses (403) anything that could
 * escape the root: encoded `..`, encoded slashes that decode into traversal, backslashes, NUL bytes, bad
 * percent-encoding. Other hosts/schemes and dot-files are 404. `/` serves index.html.
 */
export function serveRendererFile(rootDir: string, requestUrl: string): ServeDecision {
  if (!URL.canParse(requestUrl)) return { status: 404 };
  const url = new URL(requestUrl);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 404 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { status: 403 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 403 };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { status: 403 };
  if (segments.some((s) => s.startsWith('.'))) return { status: 404 };
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { status: 403 };
  return { path: file };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

/** Content-Type by extension; unknown types are served as opaque bytes (with nosniff, never executed). */
export function contentTypeFor(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
