/**
 * An eval-free fast path for zod's `safeParse` of the big IPC payloads (a 5,000-member cluster list). The
 * window's CSP forbids eval, so zod runs jitless and spends most of a first render walking members. This
 * compiles a schema once into plain closures that check exactly what zod checks (every field's type, enum and
 * literal values, integer and length bounds, unknown keys stripped or refused) and build the same output.
 * It only ever accelerates: a node it does not know (refine, regex, default, pipe, lazy…) is handed to zod,
 * and any value it cannot vouch for is parsed again by zod itself, so errors and edge cases are zod's own.
 */
import type { z } from 'zod';

/** Returned by a compiled node that cannot vouch for a value (zod then decides). */
export const FAIL: unique symbol = Symbol('fail');
/** A compiled node: the parsed value, or FAIL. */
export type Fast = (value: unknown) => unknown;

/** The parts of zod's internal schema record read here (zod 4 `_zod`); typed loosely on purpose. */
interface Node {
  _zod: {
    def: Def;
    traits: Set<string>;
    values?: Set<unknown> | undefined;
    optin?: string | undefined;
    optout?: string | undefined;
  };
}
interface Def {
  type: string;
  checks?: Node[];
  check?: string;
  format?: string;
  coerce?: boolean;
  shape?: Record<string, Node>;
  catchall?: Node;
  element?: Node;
  innerType?: Node;
  keyType?: Node;
  valueType?: Node;
  options?: Node[];
  maximum?: number;
  minimum?: number;
  value?: unknown;
  inclusive?: boolean;
}

/** Length as zod measures it: code points for strings (a surrogate pair counts once), else `.length`. */
function lengthOf(value: string | unknown[]): number {
  if (typeof value !== 'string') return value.length;
  let count = value.length;
  for (let i = 0; i < value.length - 1; i += 1) {
    if ((value.charCodeAt(i) & 0xfc00) === 0xd800 && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count -= 1;
      i += 1;
    }
  }
  return count;
}

/** One of zod's checks as a predicate; null for any check this file does not reproduce exactly. */
function checkOf(check: Node, type: string): ((value: never) => boolean) | null {
  const d = check._zod.def;
  const bound = typeof d.value === 'number' ? d.value : NaN;
  if (d.check === 'max_length' && typeof d.maximum === 'number') {
    const max = d.maximum;
    return (v: string | unknown[]) => lengthOf(v) <= max;
  }
  if (d.check === 'min_length' && typeof d.minimum === 'number') {
    const min = d.minimum;
    return (v: string | unknown[]) => lengthOf(v) >= min;
  }
  if (type !== 'number') return null;
  if (d.check === 'number_format' && d.format === 'safeint') return (v: number) => Number.isSafeInteger(v);
  if (d.check === 'greater_than' && !Number.isNaN(bound))
    return d.inclusive ? (v: number) => v >= bound : (v: number) => v > bound;
  if (d.check === 'less_than' && !Number.isNaN(bound))
    return d.inclusive ? (v: number) => v <= bound : (v: number) => v < bound;
  return null;
}

/** True when the node is exactly zod's plain `kind` (not a subclass such as an email string or an xor union). */
function isPlain(node: Node, kind: string): boolean {
  let own = 0;
  for (const trait of node._zod.traits) {
    if (!trait.startsWith('$Zod')) continue;
    if (trait !== '$ZodType' && trait !== `$Zod${kind}` && trait !== '$ZodObjectJIT') return false;
    own += 1;
  }
  return own >= 2 && node._zod.def.coerce !== true && node._zod.def.format === undefined;
}

/** zod's own plain-object test for records (util.isPlainObject), reproduced exactly. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const ctor: unknown = (value as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const proto: unknown = (ctor as { prototype?: unknown }).prototype;
  if (typeof proto !== 'object' || proto === null || Array.isArray(proto)) return false;
  return Object.prototype.hasOwnProperty.call(proto, 'isPrototypeOf');
}

function objectNode(d: Def, compile: (n: Node) => Fast): Fast | null {
  const strict = d.catchall !== undefined;
  if (!d.shape || (strict && d.catchall?._zod.def.type !== 'never')) return null;
  const keys = Object.keys(d.shape).filter((k) => k !== '__proto__');
  const shape = d.shape;
  const fields = keys.map((key) => {
    const node = shape[key] as Node;
    const optional = node._zod.optin === 'optional' && node._zod.optout === 'optional';
    return { key, optional, parse: compile(node) };
  });
  const known = new Set(keys);
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return FAIL;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      if (!(field.key in input)) {
        if (field.optional) continue;
        return FAIL;
      }
      const parsed = field.parse(input[field.key]);
      if (parsed === FAIL) return FAIL;
      out[field.key] = parsed;
    }
    if (strict) for (const key in input) if (!known.has(key)) return FAIL;
    return out;
  };
}

function recordNode(d: Def, compile: (n: Node) => Fast): Fast | null {
  const keyType = d.keyType;
  if (!keyType || !d.valueType || !isPlain(keyType, 'String') || (keyType._zod.def.checks ?? []).length > 0)
    return null;
  const parse = compile(d.valueType);
  return (value) => {
    if (!isPlainObject(value) || Object.getOwnPropertySymbols(value).length > 0) return FAIL;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (key === '__proto__') continue;
      const parsed = parse(value[key]);
      if (parsed === FAIL) return FAIL;
      out[key] = parsed;
    }
    return out;
  };
}

function build(node: Node, compile: (n: Node) => Fast): Fast | null {
  const d = node._zod.def;
  const kind = d.type.charAt(0).toUpperCase() + d.type.slice(1);
  if (!isPlain(node, kind)) return null;
  const checks = (d.checks ?? []).map((c) => checkOf(c, d.type));
  if (checks.some((c) => c === null)) return null;
  const base = buildBase(node, compile);
  if (!base || checks.length === 0) return base;
  const all = checks as ((value: unknown) => boolean)[];
  return (value) => {
    const parsed = base(value);
    return parsed !== FAIL && all.every((check) => check(parsed)) ? parsed : FAIL;
  };
}

function buildBase(node: Node, compile: (n: Node) => Fast): Fast | null {
  const d = node._zod.def;
  const values = node._zod.values;
  switch (d.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : FAIL);
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : FAIL);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : FAIL);
    case 'null':
      return (v) => (v === null ? v : FAIL);
    case 'enum':
    case 'literal':
      return values ? (v) => (values.has(v) ? v : FAIL) : null;
    case 'nullable': {
      const inner = d.innerType ? compile(d.innerType) : null;
      return inner ? (v) => (v === null ? v : inner(v)) : null;
    }
    case 'optional': {
      if (!d.innerType || d.innerType._zod.optin === 'defaulted') return null;
      const inner = compile(d.innerType);
      return (v) => (v === undefined ? v : inner(v));
    }
    case 'array': {
      const element = d.element ? compile(d.element) : null;
      if (!element) return null;
      return (v) => {
        if (!Array.isArray(v)) return FAIL;
        const out: unknown[] = new Array(v.length);
        for (let i = 0; i < v.length; i += 1) {
          const parsed = element(v[i]);
          if (parsed === FAIL) return FAIL;
          out[i] = parsed;
        }
        return out;
      };
    }
    case 'object':
      return objectNode(d, compile);
    case 'record':
      return recordNode(d, compile);
    case 'union': {
      const options = (d.options ?? []).map(compile);
      return options.length === 0
        ? null
        : (v) => {
            for (const option of options) {
              const parsed = option(v);
              if (parsed !== FAIL) return parsed;
            }
            return FAIL;
          };
    }
    default:
      return null;
  }
}

/**
 * Compiles `schema` once and returns a drop-in `safeParse`: the fast closures when they vouch for the value,
 * zod's own `safeParse` otherwise (so every error message, and any value the closures are unsure of, is zod's).
 */
export function fastSafeParse<T extends z.ZodType>(
  schema: T,
  /** Hand-written parsers for hot sub-schemas (each must match zod exactly; see fast-member.ts). */
  overrides: ReadonlyMap<z.ZodType, Fast> = new Map(),
): (value: unknown) => z.ZodSafeParseResult<z.output<T>> {
  const compiled = new Map<Node, Fast>();
  for (const [sub, parse] of overrides) compiled.set(sub as unknown as Node, parse);
  const compile = (node: Node): Fast => {
    const known = compiled.get(node);
    if (known) return known;
    // Placeholder first, so a schema reachable twice is compiled once (zod's lazy nodes are never descended).
    let target: Fast = () => FAIL;
    compiled.set(node, (v) => target(v));
    const viaZod: Fast = (v) => {
      const result = (node as unknown as z.ZodType).safeParse(v);
      return result.success ? result.data : FAIL;
    };
    target = build(node, compile) ?? viaZod;
    compiled.set(node, target);
    return target;
  };
  const fast = compile(schema as unknown as Node);
  return (value) => {
    const parsed = fast(value);
    // The closures checked every field as zod would (see the test in test/renderer/fast-parse.test.ts).
    return parsed === FAIL ? schema.safeParse(value) : { success: true, data: parsed as z.output<T> };
  };
}
