/**
 * A fast, exact path for the biggest answer a poll parses: `/v1/agent/members`, validated field by field with the
 * same rules and the same output as wire.ts's RawMembersSchema (or, mapped in the same pass, MembersSchema),
 * without zod's per-field overhead.
 */
import type { z } from 'zod';
import type { AgentHealth } from '../../../common/domain.js';
import { isTagRecord, memberOf } from './wire.js';
import type { MembersSchema, RawMember, RawMembersSchema } from './wire.js';

/** What RawMembersSchema produces. */
export type RawMembers = z.output<typeof RawMembersSchema>;
/** What MembersSchema produces: the members answer with Members already mapped. */
export type MembersAnswer = z.output<typeof MembersSchema>;

/** Marker for "not a shape the fast path vouches for". */
const UNSURE = Symbol('unsure');

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** `str` of the schema: string, or null/missing → "". */
function fastStr(v: unknown): string | typeof UNSURE {
  if (typeof v === 'string') return v;
  return v === null || v === undefined ? '' : UNSURE;
}

/** Makes one member from validated wire values (Name, Addr, Port, Tags, Status after the null rules). */
type Make<T> = (name: string, addr: string, port: number, tags: Record<string, string>, status: string) => T;

/** What RawMembersSchema's members become: the raw member, as zod would give it. */
function rawMemberOf(
  Name: string,
  Addr: string,
  Port: number,
  Tags: Record<string, string>,
  Status: string,
): RawMember {
  return { Name, Addr, Port, Tags, Status };
}

function fastMember<T>(m: unknown, make: Make<T>): T | typeof UNSURE {
  if (!isPlainObject(m)) return UNSURE;
  const name = fastStr(m['Name']);
  const addr = fastStr(m['Addr']);
  if (name === UNSURE || addr === UNSURE) return UNSURE;
  const p = m['Port'];
  let port = 0;
  if (typeof p === 'number' && Number.isFinite(p)) port = p;
  else if (p !== null && p !== undefined) return UNSURE;
  const rawTags = m['Tags'];
  let tags: Record<string, string>;
  if (isPlainObject(rawTags)) {
    // Checked in place and kept (not copied): JSON.parse made this object for this answer alone.
    if (!isTagRecord(rawTags)) return UNSURE;
    tags = rawTags;
  } else if (rawTags === null || rawTags === undefined) tags = {};
  else return UNSURE;
  const st = m['Status'];
  let status: string;
  if (typeof st === 'string') status = st;
  else if (typeof st === 'number' && Number.isFinite(st)) status = String(st);
  else if (st === null || st === undefined) status = '';
  else return UNSURE;
  return make(name, addr, port, tags, status);
}

function fastMembers<T>(list: unknown[], make: Make<T>): T[] | typeof UNSURE {
  const out: T[] = [];
  for (let i = 0; i < list.length; i += 1) {
    const parsed = fastMember(list[i], make);
    if (parsed === UNSURE) return UNSURE;
    out.push(parsed);
  }
  return out;
}

/** The members answer with each member made by `make`, or undefined when the fast path cannot vouch for it. */
function parseWith<T>(
  data: unknown,
  make: Make<T>,
): { ServerName: string; ServerRegion: string; ServerDC: string; Members: T[] } | undefined {
  if (Array.isArray(data)) {
    const members = fastMembers(data, make);
    if (members === UNSURE) return undefined;
    return { ServerName: '', ServerRegion: '', ServerDC: '', Members: members };
  }
  if (!isPlainObject(data)) return undefined;
  const serverName = fastStr(data['ServerName']);
  const serverRegion = fastStr(data['ServerRegion']);
  const serverDc = fastStr(data['ServerDC']);
  if (serverName === UNSURE || serverRegion === UNSURE || serverDc === UNSURE) return undefined;
  const list = data['Members'];
  let members: T[] | typeof UNSURE = [];
  if (Array.isArray(list)) members = fastMembers(list, make);
  else if (list !== null && list !== undefined) return undefined;
  if (members === UNSURE) return undefined;
  return { ServerName: serverName, ServerRegion: serverRegion, ServerDC: serverDc, Members: members };
}

/**
 * The members answer, validated field by field without zod: the same checks and the same output as
 * RawMembersSchema for the plain JSON Nomad sends (zod was a third of a poll's client CPU). Anything it cannot
 * vouch for (a wrong type, an odd key such as `__proto__`) gives undefined, and the caller runs the schema,
 * which decides and words the error.
 */
export function parseRawMembersFast(data: unknown): RawMembers | undefined {
  return parseWith(data, rawMemberOf);
}

/**
 * The members answer validated and mapped to Members in one pass (no intermediate raw members): the same checks
 * as parseRawMembersFast and the same output as MembersSchema (wire.ts's memberOf does the mapping for both).
 * Undefined when it cannot vouch for the input: the caller then runs MembersSchema, which words the error.
 */
export function parseMembersFast(data: unknown): MembersAnswer | undefined {
  return parseWith(data, memberOf);
}

/** One health check (`{ok, message}`) as HealthSchema reads it, or UNSURE. */
function fastCheck(v: unknown): { ok: boolean; message: string } | typeof UNSURE {
  if (!isPlainObject(v) || typeof v['ok'] !== 'boolean') return UNSURE;
  const message = fastStr(v['message']);
  return message === UNSURE ? UNSURE : { ok: v['ok'], message };
}

/**
 * `/v1/agent/health` without zod: the same checks and output as HealthSchema for the plain JSON an agent sends
 * (a `client` and/or `server` entry, each `{ok: boolean, message}`). Anything else gives undefined and the schema
 * decides (and words the error).
 */
export function parseHealthFast(data: unknown): AgentHealth | undefined {
  if (!isPlainObject(data)) return undefined;
  const c = data['client'];
  const s = data['server'];
  const client = c === undefined ? undefined : fastCheck(c);
  const server = s === undefined ? undefined : fastCheck(s);
  if (client === UNSURE || server === UNSURE) return undefined;
  if (client === undefined) return server === undefined ? undefined : { server };
  return server === undefined ? { client } : { client, server };
}

/** `/v1/status/leader` without zod: a JSON string, "" meaning no leader (as LeaderSchema); else undefined. */
export function parseLeaderFast(data: unknown): string | null | undefined {
  if (typeof data !== 'string') return undefined;
  return data === '' ? null : data;
}
