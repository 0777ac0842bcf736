/**
 * Serves the built renderer (out/renderer) for browser mode, reusing the desktop shell's path-traversal-safe
 * resolver (main/core/web) by mapping the HTTP path onto an app:// URL.
 */
import { readFile } from 'node:fs/promises';
import { APP_ORIGIN, contentTypeFor, serveRendererFile } from '../core/web/index.js';

/** A file to send, or a status to answer. */
export type StaticAnswer = { status: 200; body: Buffer; type: string } | { status: 403 | 404 };

/** Reads `/path` (no query) from the renderer build. Never throws. */
export async function readStatic(rootDir: string, pathname: string): Promise<StaticAnswer> {
  if (!pathname.startsWith('/') || pathname.startsWith('//')) return { status: 404 };
  const decision = serveRendererFile(rootDir, `${APP_ORIGIN}${pathname}`);
  if ('status' in decision) return { status: decision.status };
  const body = await readFile(decision.path).catch(() => null);
  return body === null ? { status: 404 } : { status: 200, body, type: contentTypeFor(decision.path) };
}
