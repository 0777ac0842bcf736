/**
 * One file of the built renderer, as both shells serve it (the Electron window's app:// scheme and the browser
 * shell's HTTP server): the URL resolved by serveRendererFile (core/web: traversal-safe), the file read, and its
 * Content-Type. Never throws.
 */
import { readFile } from 'node:fs/promises';
import { contentTypeFor, serveRendererFile } from '../core/web/index.js';

/** A file to send, or a status to answer. */
export type RendererFile = { status: 200; body: Buffer; type: string } | { status: 403 | 404 };

/** Reads the file an `app://renderer/…` URL names under `rootDir`. */
export async function readRendererFile(rootDir: string, url: string): Promise<RendererFile> {
  const decision = serveRendererFile(rootDir, url);
  if ('status' in decision) return { status: decision.status };
  const body = await readFile(decision.path).catch(() => null);
  return body === null ? { status: 404 } : { status: 200, body, type: contentTypeFor(decision.path) };
}
