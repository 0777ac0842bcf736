/**
 * fast-check arbitraries for hostile IPC payloads: wrong types, huge strings, prototype-pollution keys (as OWN
 * properties, the way JSON.parse makes them), deep nesting, arrays where objects are expected, and near-valid
 * requests with one field replaced by garbage.
 */
import fc from 'fast-check';

/** Builds `{"<key>": value}` with the key as an own property even for `__proto__`. */
export function withOwnKey(key: string, value: unknown): Record<string, unknown> {
  return JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value ?? null)}}`) as Record<string, unknown>;
}

/** Nests `inner` n levels deep, alternating objects and arrays. */
export function nest(n: number, inner: unknown): unknown {
  let v: unknown = inner;
  for (let i = 0; i < n; i += 1) v = i % 2 === 0 ? { clusterId: v } : [v];
  return v;
}

const BIG = 'A'.repeat(1_000_000);
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Scalars of every wrong type, including ones JSON cannot carry. */
export const oddScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    NaN,
    Infinity,
    -0,
    true,
    0n,
    Symbol('s'),
    '',
    BIG,
    '\u0000',
    '../../etc/passwd',
    'toString',
    '__proto__',
  ),
  fc.string({ maxLength: 400 }),
  fc.integer(),
  fc.double(),
  fc.date(),
  fc.func(fc.anything()),
);

/** An object with a pollution key somewhere (top level or nested), as own properties. */
export const pollution: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(...POLLUTION_KEYS), fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: 0, max: 3 }))
  .map(([key, value, depth]) => {
    const polluted = withOwnKey(key, key === '__proto__' ? { polluted: 'yes' } : value);
    let v: unknown = polluted;
    for (let i = 0; i < depth; i += 1) v = { clusterId: 'prod', settings: v, nested: [v] };
    return v;
  });

/** Requests of the right general shape with one field replaced by a hostile value. */
export function nearValid(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  if (keys.length === 0) return fc.record({ extra: oddScalar });
  return fc
    .tuple(fc.constantFrom(...keys), fc.oneof(oddScalar, pollution, fc.array(fc.anything({ maxDepth: 2 }))))
    .map(([key, bad]) => ({ ...base, [key]: bad }));
}

/** Every kind of hostile payload for a channel whose valid request looks like `base`. */
export function hostilePayload(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    oddScalar,
    fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
    }),
    fc.jsonValue({ maxDepth: 4 }),
    pollution,
    fc.integer({ min: 30, max: 400 }).map((n) => nest(n, base)),
    fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 20 }),
    fc.constant([base]),
    nearValid(base),
    fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }),
  );
}
