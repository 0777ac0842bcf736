/**
 * A hand-written parser for MemberSchema, the one schema a big cluster list repeats thousands of times. It
 * checks every field exactly as zod does (types, safe integers, the status enum, string tags; unknown keys
 * stripped) with plain property reads, about twice as fast as the generic closures of fast-parse.ts before the
 * JIT warms up. It is only used while MemberSchema still has the shape written down here: `memberOverrides()`
 * compares the schema's fields with that shape and returns nothing on any difference, so a change in
 * common/domain.ts falls back to the generic path instead of validating the wrong thing.
 */
import type { z } from 'zod';
import { MemberSchema } from './domain.js';
import { FAIL } from './fast-parse.js';
import type { Fast } from './fast-parse.js';

/** The field kinds MemberSchema is expected to have, as `describe` spells them. */
const EXPECTED: Record<string, string> = {
  name: 'string',
  shortName: 'string',
  address: 'string',
  serfPort: 'number[number_format:safeint]',
  rpcPort: 'nullable<number[number_format:safeint]>',
  rpcAddr: 'nullable<string>',
  status: 'enum',
  statusRaw: 'string',
  region: 'string',
  datacenter: 'string',
  build: 'string',
  raftVersion: 'nullable<string>',
  id: 'nullable<string>',
  expect: 'nullable<number[number_format:safeint]>',
  voter: 'boolean',
  leader: 'boolean',
  tags: 'array<tuple<string,string>>',
};

interface Described {
  _zod: { def: Record<string, unknown> & { type: string }; traits: Set<string> };
}

/** A schema node's kind, checks and inner kinds as text, e.g. `nullable<number[number_format:safeint]>`. */
export function describe(schema: unknown): string {
  const node = schema as Described;
  const def = node._zod.def;
  const checks = Array.isArray(def['checks']) ? (def['checks'] as Described[]) : [];
  const marks = checks.map((c) => `${String(c._zod.def['check'])}:${String(c._zod.def['format'] ?? '')}`);
  const subclassed = [...node._zod.traits].filter((t) => t.startsWith('$Zod')).length > 2;
  const extra = def['format'] !== undefined || def['coerce'] === true || subclassed ? '!' : '';
  const base = `${def.type}${extra}${marks.length > 0 ? `[${marks.join(',')}]` : ''}`;
  if (def.type === 'nullable') return `nullable<${describe(def['innerType'])}>`;
  if (def.type === 'record') return `record<${describe(def['keyType'])},${describe(def['valueType'])}>`;
  if (def.type === 'array') return `array<${describe(def['element'])}>`;
  if (def.type === 'tuple' && def['rest'] === null && Array.isArray(def['items']))
    return `tuple<${(def['items'] as unknown[]).map(describe).join(',')}>`;
  return base;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isNullableString = (v: unknown): boolean => v === null || typeof v === 'string';
const isNullableInt = (v: unknown): boolean => v === null || Number.isSafeInteger(v);

/** `tags`: [name, value] string pairs (zod's array and tuple rules: exactly two strings each, copied). */
function parseTags(value: unknown): [string, string][] | typeof FAIL {
  if (!Array.isArray(value)) return FAIL;
  const out: [string, string][] = [];
  for (const pair of value as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2) return FAIL;
    const [name, item] = pair as unknown[];
    if (typeof name !== 'string' || typeof item !== 'string') return FAIL;
    out.push([name, item]);
  }
  return out;
}

function parserFor(statuses: ReadonlySet<unknown>): Fast {
  return (value) => {
    if (!isObject(value)) return FAIL;
    const v = value;
    const { name, shortName, address, serfPort, rpcPort, rpcAddr, status, statusRaw } = v;
    const { region, datacenter, build, raftVersion, id, expect, voter, leader } = v;
    if (
      typeof name !== 'string' ||
      typeof shortName !== 'string' ||
      typeof address !== 'string' ||
      !Number.isSafeInteger(serfPort) ||
      !isNullableInt(rpcPort) ||
      !isNullableString(rpcAddr) ||
      !statuses.has(status) ||
      typeof statusRaw !== 'string' ||
      typeof region !== 'string' ||
      typeof datacenter !== 'string' ||
      typeof build !== 'string' ||
      !isNullableString(raftVersion) ||
      !isNullableString(id) ||
      !isNullableInt(expect) ||
      typeof voter !== 'boolean' ||
      typeof leader !== 'boolean' ||
      !('tags' in v)
    )
      return FAIL;
    const tags = parseTags(v['tags']);
    if (tags === FAIL) return FAIL;
    // prettier-ignore
    return { name, shortName, address, serfPort, rpcPort, rpcAddr, status, statusRaw, region, datacenter, build,
      raftVersion, id, expect, voter, leader, tags };
  };
}

/**
 * The override map for fast-parse.ts: MemberSchema → the hand-written parser, or an empty map when the
 * schema no longer has the shape this file checks (then the generic path validates members).
 */
export function memberOverrides(schema: z.ZodType = MemberSchema): ReadonlyMap<z.ZodType, Fast> {
  const def = (schema as unknown as Described)._zod.def;
  const shape = def['shape'] as Record<string, unknown> | undefined;
  if (def.type !== 'object' || def['catchall'] !== undefined || !shape) return new Map();
  const keys = Object.keys(shape);
  const expected = Object.keys(EXPECTED);
  if (keys.length !== expected.length || keys.some((k, i) => k !== expected[i])) return new Map();
  if (keys.some((k) => describe(shape[k]) !== EXPECTED[k])) return new Map();
  const statuses = (shape['status'] as { _zod: { values?: Set<unknown> } })._zod.values;
  return statuses ? new Map([[schema, parserFor(statuses)]]) : new Map();
}
