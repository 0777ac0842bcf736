/**
 * Validation of values crossing the window ↔ core boundary against the IPC contract. Outside data is first
 * checked for hostile shapes (prototype-pollution keys, absurd nesting), then parsed with the channel's schema.
 * Errors come back as values: an IpcError or an error envelope, never a throw.
 */
import type { z } from 'zod';
import type {
  Envelope,
  EventName,
  EventPayload,
  InvokeChannel,
  InvokeResponse,
  IpcError,
} from './ipc-contract.js';
import { memberOverrides } from './fast-member.js';
import { fastSafeParse } from './fast-parse.js';
import { envelopeSchema, eventContract, invokeContract, isInvokeChannel } from './ipc-contract.js';
import type { Result } from './result.js';
import { err, ok } from './result.js';

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
  // Primitives are skipped inline rather than by a call each (a 5,000-member list has ~100,000 of them);
  // at the depth limit they still recurse, so "nested too deeply" is reported exactly as before.
  if (Array.isArray(value)) {
    for (const item of value) {
      if (depth < MAX_DEPTH && (item === null || typeof item !== 'object')) continue;
      const found = findHostileShape(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  // Plain: a null prototype or some realm's Object.prototype (contextBridge copies may come from another realm).
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return 'not a plain object';
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (FORBIDDEN_KEYS.has(key)) return `forbidden key "${key}"`;
    const item = record[key];
    if (depth < MAX_DEPTH && (item === null || typeof item !== 'object')) continue;
    const found = findHostileShape(item, depth + 1);
    if (found) return found;
  }
  return null;
}

type SafeParse = (value: unknown) => z.ZodSafeParseResult<unknown>;
const envelopeParsers = new Map<InvokeChannel, SafeParse>();
const eventParsers = new Map<EventName, SafeParse>();
/** Members are parsed by hand (fast-member.ts) while MemberSchema keeps the shape that parser checks. */
const overrides = memberOverrides();

/** The channel's envelope parser, compiled once (fast-parse.ts: zod's checks without eval, zod's errors). */
function envelopeParser(channel: InvokeChannel): SafeParse {
  let parse = envelopeParsers.get(channel);
  if (!parse) {
    parse = fastSafeParse(envelopeSchema(invokeContract[channel].response), overrides);
    envelopeParsers.set(channel, parse);
  }
  return parse;
}

function eventParser(event: EventName): SafeParse {
  let parse = eventParsers.get(event);
  if (!parse) {
    parse = fastSafeParse(eventContract[event], overrides);
    eventParsers.set(event, parse);
  }
  return parse;
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

/**
 * Validates an envelope that came back for `channel` (used by the renderer's bridge). A malformed answer
 * becomes an `internal` error envelope rather than a throw.
 */
export function parseEnvelope<C extends InvokeChannel>(
  channel: C,
  raw: unknown,
): Envelope<InvokeResponse<C>> {
  const hostile = findHostileShape(raw);
  if (hostile) return { ok: false, error: { kind: 'internal', message: `Refused answer: ${hostile}.` } };
  const parsed = envelopeParser(channel)(raw);
  if (!parsed.success) {
    return {
      ok: false,
      error: { kind: 'internal', message: `Malformed answer: ${describeIssues(parsed.error)}` },
    };
  }
  // Parsed with this channel's own schema: the cast only narrows zod's union of all channels to C.
  return parsed.data as Envelope<InvokeResponse<C>>;
}

/** Validates a push event payload; null when it does not match (the listener is then not called). */
export function parseEventPayload<E extends EventName>(event: E, raw: unknown): EventPayload<E> | null {
  if (findHostileShape(raw)) return null;
  const parsed = eventParser(event)(raw);
  // Parsed with this event's own schema (same narrowing as above).
  return parsed.success ? (parsed.data as EventPayload<E>) : null;
}
