/**
 * A fast, exact path for the biggest answer a poll parses: `/v1/agent/members`, validated field by field with the
 * same rules and the same output as wire.ts's RawMembersSchema, without zod's per-field overhead.
 */
import type { z } from 'zod';
import type { RawMember, RawMembersSchema } from './wire.js';

/** What RawMembersSchema produces. */
export type RawMembers = z.output<typeof RawMembersSchema>;

/** Marker for "not a shape the fast path vouches for". */
const UNSURE = Symbol('unsure');

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** `str` of the schema: string, or null/missing → "". */
function fastStr(v: unknown): string | typeof UNSURE {
  if (typeof v === 'string') return v;
  return v === null || v === undefined ? '' : UNSURE;
}

/** Every own key is an ordinary name (not `__proto__`) and every value a string. */
function isStringRecord(record: Record<string, unknown>): record is Record<string, string> {
  for (const key of Object.keys(record)) {
    if (key === '__proto__' || typeof record[key] !== 'string') return false;
  }
  return true;
}

function fastMember(m: unknown): RawMember | typeof UNSURE {
  if (!isPlainObject(m)) return UNSURE;
  const name = fastStr(m['Name']);
  const addr = fastStr(m['Addr']);
  if (name === UNSURE || addr === UNSURE) return UNSURE;
  const p = m['Port'];
  let port = 0;
  if (typeof p === 'number' && Number.isFinite(p)) port = p;
  else if (p !== null && p !== undefined) return UNSURE;
  const rawTags = m['Tags'];
  let tags: Record<string, string> = {};
  if (isPlainObject(rawTags)) {
    // Checked in place and kept (not copied): JSON.parse made this object for this answer alone.
    if (!isStringRecord(rawTags)) return UNSURE;
    tags = rawTags;
  } else if (rawTags !== null && rawTags !== undefined) return UNSURE;
  const st = m['Status'];
  let status: string;
  if (typeof st === 'string') status = st;
  else if (typeof st === 'number' && Number.isFinite(st)) status = String(st);
  else if (st === null || st === undefined) status = '';
  else return UNSURE;
  return { Name: name, Addr: addr, Port: port, Tags: tags, Status: status };
}

function fastMembers(list: unknown[]): RawMember[] | typeof UNSURE {
  const out: RawMember[] = [];
  for (const m of list) {
    const parsed = fastMember(m);
    if (parsed === UNSURE) return UNSURE;
    out.push(parsed);
  }
  return out;
}

/**
 * The members answer, validated field by field without zod: the same checks and the same output as
 * RawMembersSchema for the plain JSON Nomad sends (zod was a third of a poll's client CPU). Anything it cannot
 * vouch for (a wrong type, an odd key such as `__proto__`) gives undefined, and the caller runs the schema,
 * which decides and words the error.
 */
export function parseRawMembersFast(data: unknown): RawMembers | undefined {
  if (Array.isArray(data)) {
    const members = fastMembers(data);
    if (members === UNSURE) return undefined;
    return { ServerName: '', ServerRegion: '', ServerDC: '', Members: members };
  }
  if (!isPlainObject(data)) return undefined;
  const serverName = fastStr(data['ServerName']);
  const serverRegion = fastStr(data['ServerRegion']);
  const serverDc = fastStr(data['ServerDC']);
  if (serverName === UNSURE || serverRegion === UNSURE || serverDc === UNSURE) return undefined;
  const list = data['Members'];
  let members: RawMember[] | typeof UNSURE = [];
  if (Array.isArray(list)) members = fastMembers(list);
  else if (list !== null && list !== undefined) return undefined;
  if (members === UNSURE) return undefined;
  return { ServerName: serverName, ServerRegion: serverRegion, ServerDC: serverDc, Members: members };
}
