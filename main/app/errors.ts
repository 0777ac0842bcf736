/**
 * Turns whatever a handler met (an engine failure, a Nomad error, an exception) into the contract's IpcError:
 * one bounded human sentence, Nomad's details when there are any, never a stack and never a known token.
 */
import type { NomadError } from '../../common/domain.js';
import type { IpcError } from '../../common/ipc-contract.js';
import { LIMITS } from '../../common/ipc-contract.js';
import type { EngineError } from '../core/engine/index.js';

/**
 * Shorter secrets are never scrubbed: a typed "prod" or "true" would otherwise redact cluster names and words
 * everywhere. Real Nomad tokens are 36-character UUIDs.
 */
export const MIN_SECRET_LENGTH = 8;

/** Replaces every occurrence of a known secret (ACL token) with "[redacted]". Pure. */
export function scrub(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets)
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join('[redacted]');
  return out;
}

/**
 * Scrubs the string leaves of a JSON-like value (object keys included), never its JSON text, so a secret that
 * looks like JSON syntax cannot break the value. Returns the same object when nothing changed. Pure.
 */
export function scrubValue<T>(value: T, secrets: readonly string[]): T {
  const list = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);
  if (list.length === 0) return value;
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return scrub(v, list);
    if (typeof v !== 'object' || v === null || depth > 64) return v;
    if (Array.isArray(v)) {
      let changed = false;
      const out = v.map((item) => {
        const next = walk(item, depth + 1);
        if (next !== item) changed = true;
        return next;
      });
      return changed ? out : v;
    }
    let changed = false;
    const entries = Object.entries(v).map(([key, item]): [string, unknown] => {
      const k = scrub(key, list);
      const next = walk(item, depth + 1);
      if (k !== key || next !== item) changed = true;
      return [k, next];
    });
    // fromEntries defines own properties, so a "__proto__" key stays a plain key.
    return changed ? Object.fromEntries(entries) : v;
  };
  // The walk keeps the value's shape; only string contents change.
  return walk(value, 0) as T;
}

const cap = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A Nomad client error as an IpcError (same kind, status, body, code and TLS reason). */
export function fromNomadError(error: NomadError): IpcError {
  const out: IpcError = { kind: error.kind, message: cap(error.message, LIMITS.message) };
  if (error.status !== undefined) out.status = error.status;
  if (error.body !== undefined) out.body = cap(error.body, LIMITS.message);
  if (error.code !== undefined) out.code = cap(error.code, LIMITS.text);
  if (error.tlsReason !== undefined) out.tlsReason = error.tlsReason;
  if (error.aclReason !== undefined) out.aclReason = error.aclReason;
  if (error.capability !== undefined) out.capability = error.capability;
  return out;
}

/** An engine failure as an IpcError: refusals before Nomad become `invalid-request`/`unknown-cluster`. */
export function fromEngineError(error: EngineError): IpcError {
  switch (error.kind) {
    case 'nomad':
      return fromNomadError(error.error);
    case 'unknown-cluster':
      return { kind: 'unknown-cluster', message: cap(error.message, LIMITS.message) };
    case 'ambiguous-member':
      return {
        kind: 'invalid-request',
        message: cap(`${error.message} (candidates: ${error.candidates.join(', ')})`, LIMITS.message),
      };
    default:
      return { kind: 'invalid-request', message: cap(error.message, LIMITS.message) };
  }
}

/** An unexpected exception: names the channel and the error's message, never its stack. */
export function internalError(what: string, error: unknown): IpcError {
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
  return { kind: 'internal', message: cap(`${what} failed unexpectedly: ${detail}`, LIMITS.message) };
}

/** Removes known secrets from every text field of an IpcError and caps them. */
export function sanitizeError(error: IpcError, secrets: Iterable<string>): IpcError {
  const list = [...secrets];
  const out: IpcError = { ...error, message: cap(scrub(error.message, list), LIMITS.message) };
  if (error.body !== undefined) out.body = cap(scrub(error.body, list), LIMITS.message);
  if (error.code !== undefined) out.code = cap(scrub(error.code, list), LIMITS.text);
  return out;
}
