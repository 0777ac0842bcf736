/**
 * Validation of requests entering the core from a window or page, against the IPC contract: outside data is first
 * checked for hostile shapes (prototype-pollution keys, absurd nesting), then parsed with the channel's schema.
 * Errors come back as values, never a throw. Answers and pushes are checked once, by the core that sends them
 * (main/app/core.ts); the window trusts its own core and does not parse them again.
 */
import type { z } from 'zod';
import { invokeContract, isInvokeChannel, type IpcError } from './ipc-contract.js';
import { err, ok, type Result } from './result.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

/**
 * Finds a reason to refuse outside data before any schema sees it: a prototype-pollution key
 * (`__proto__`, `constructor`, `prototype`) at any depth, nesting deeper than 32, or a non-plain object.
 * Returns null when the value is plain JSON-like data.
 */
export function findHostileShape(value: unknown, depth = 0): string | null {
  if (depth > MAX_DEPTH) return 'nested too deeply';
  if (value === null || typeof value !== 'object') return null;
  // Plain: an array, or an object with a null prototype or some realm's Object.prototype (contextBridge copies
  // may come from another realm).
  const proto = Object.getPrototypeOf(value) as object | null;
  if (!Array.isArray(value) && proto !== null && Object.getPrototypeOf(proto) !== null)
    return 'not a plain object';
  for (const [key, child] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key)) return `forbidden key "${key}"`;
    const found = findHostileShape(child, depth + 1);
    if (found) return found;
  }
  return null;
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid value';
  const path = first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
  return `${path}${first.message}`.slice(0, 300);
}

/** Validates a request for `channel` (used by main's IPC handlers and the HTTP server). */
export function parseInvokeRequest(channel: unknown, raw: unknown): Result<unknown, IpcError> {
  if (!isInvokeChannel(channel)) return err({ kind: 'unknown-channel', message: 'No such channel.' });
  const hostile = findHostileShape(raw);
  if (hostile) return err({ kind: 'invalid-request', message: `Refused request: ${hostile}.` });
  const parsed = invokeContract[channel].request.safeParse(raw);
  if (!parsed.success) return err({ kind: 'invalid-request', message: describeIssues(parsed.error) });
  return ok(parsed.data);
}
