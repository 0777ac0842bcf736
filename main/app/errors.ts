/**
 * Turns whatever a handler met (an engine failure, a Nomad error, an exception) into the contract's IpcError:
 * one bounded human sentence, Nomad's details when there are any, never a stack and never a known token.
 */
import type { NomadError } from '../../common/nomad-domain.js';
import { LIMITS, type IpcError } from '../../common/ipc-contract.js';
import type { EngineError } from '../core/engine/index.js';
import { redact } from '../core/redact/index.js';

/** `text` cut to `max` characters, an ellipsis marking the cut. */
export const cap = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

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

/** A request naming a cluster id the settings do not have. */
export const unknownCluster = (id: string): IpcError => ({
  kind: 'unknown-cluster',
  message: `No cluster with id "${id}".`,
});

/** An unexpected exception: names the channel and the error's message, never its stack. */
export function internalError(what: string, error: unknown): IpcError {
  const detail = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
  return { kind: 'internal', message: cap(`${what} failed unexpectedly: ${detail}`, LIMITS.message) };
}

/** Removes known secrets from every text field of an IpcError and caps them. */
export function sanitizeError(error: IpcError, secrets: Iterable<string>): IpcError {
  const list = [...secrets];
  const out: IpcError = { ...error, message: cap(redact(error.message, list), LIMITS.message) };
  if (error.body !== undefined) out.body = cap(redact(error.body, list), LIMITS.message);
  if (error.code !== undefined) out.code = cap(redact(error.code, list), LIMITS.text);
  return out;
}
