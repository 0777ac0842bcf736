/**
 * The fast validation path (common/fast-parse.ts, common/fast-member.ts) must give exactly zod's answer: the
 * same success and the same parsed value for valid data, zod's own error for anything else. Checked on the
 * contract's real schemas with fixtures and with randomly damaged members and cluster views.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { MemberSchema, WireClusterViewSchema as ClusterViewSchema } from '../../common/domain.js';
import type { Member, WireClusterView as ClusterView } from '../../common/domain.js';
import { describe as describeNode, memberOverrides } from '../../common/fast-member.js';
import { fastSafeParse } from '../../common/fast-parse.js';
import { envelopeSchema, eventContract, invokeContract } from '../../common/ipc-contract.js';
import { makeClusterView, makeEvent, makeMember, makeSelf, makeSettingsView } from './fixtures.js';

const MEMBER_KEYS = Object.keys(MemberSchema.shape);

/** Anything a damaged field might hold. */
const junk = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom('alive', 'failed', 'bogus', '__proto__'),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string({ maxLength: 4 }), fc.integer())),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
);

/** A member with some keys removed and some (known or unknown) keys set to junk. */
const damagedMember = fc
  .tuple(
    fc.integer({ min: 0, max: 9_999 }),
    fc.subarray(MEMBER_KEYS, { maxLength: 2 }),
    fc.array(fc.tuple(fc.constantFrom(...MEMBER_KEYS, 'extra', 'tags'), junk), { maxLength: 3 }),
  )
  .map(([i, removed, replaced]) => {
    const member: Record<string, unknown> = { ...makeMember({ shortName: `server-${i}` }) };
    for (const key of removed) delete member[key];
    for (const [key, value] of replaced) member[key] = value;
    return member;
  });

function parsers<T extends z.ZodType>(schema: T) {
  return { fast: fastSafeParse(schema, memberOverrides()), generic: fastSafeParse(schema) };
}

function expectSameAsZod(schema: z.ZodType, parse: (v: unknown) => unknown, value: unknown): void {
  expect(parse(value)).toStrictEqual(schema.safeParse(value));
}

describe('fast validation path', () => {
  it('parses fixtures of every invoke response and event exactly like zod', () => {
    const view = makeClusterView({ snapshot: { ...makeClusterView().snapshot!, self: makeSelf() } });
    const samples: [z.ZodType, unknown][] = [
      [invokeContract['clusters:list'].response, [view, makeClusterView({ snapshot: null })]],
      [invokeContract['settings:get'].response, makeSettingsView()],
      [invokeContract['history:list'].response, [makeEvent(), makeEvent({ details: ['a', 'b'] })]],
      [eventContract['clusters:changed'], [view]],
      [eventContract['events:changed'], [makeEvent()]],
    ];
    for (const [schema, value] of samples) {
      const envelope = envelopeSchema(schema);
      for (const parse of Object.values(parsers(envelope))) {
        expectSameAsZod(envelope, parse, { ok: true, value });
        expectSameAsZod(envelope, parse, { ok: false, error: { kind: 'internal', message: 'x' } });
        expectSameAsZod(envelope, parse, { ok: true, value, extra: 1 });
      }
    }
  });

  it('validates a valid member list without calling zod, and strips unknown keys like zod', () => {
    const schema = z.array(MemberSchema);
    const members = Array.from({ length: 50 }, (_, i) => ({
      ...makeMember({ shortName: `s-${i}` }),
      unknownField: { deep: true },
    }));
    const spy = vi.spyOn(schema, 'safeParse');
    const parse = fastSafeParse(schema, memberOverrides());
    const result = parse(members);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    expect(result).toStrictEqual(schema.safeParse(members));
    expect(result.success && Object.keys(result.data[0] ?? {})).toEqual(MEMBER_KEYS);
  });

  it('agrees with zod on damaged members, by hand and by the generic closures', () => {
    const schema = z.array(MemberSchema);
    const { fast, generic } = parsers(schema);
    fc.assert(
      fc.property(fc.array(damagedMember, { minLength: 1, maxLength: 4 }), (members) => {
        expectSameAsZod(schema, fast, members);
        expectSameAsZod(schema, generic, members);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with zod on damaged cluster views', () => {
    const keys = Object.keys(ClusterViewSchema.shape);
    const schema = z.array(ClusterViewSchema);
    const { fast, generic } = parsers(schema);
    const damagedView = fc
      .tuple(
        fc.array(damagedMember, { maxLength: 3 }),
        fc.array(fc.tuple(fc.constantFrom(...keys, 'extra'), junk), { maxLength: 2 }),
      )
      .map(([members, replaced]) => {
        const base = makeClusterView();
        const view: Record<string, unknown> = { ...base, snapshot: { ...base.snapshot!, members } };
        for (const [key, value] of replaced) view[key] = value;
        return view;
      });
    fc.assert(
      fc.property(fc.array(damagedView, { maxLength: 2 }), (views) => {
        expectSameAsZod(schema, fast, views);
        expectSameAsZod(schema, generic, views);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps zod length bounds, refinements and number rules (code points, NaN, safe integers)', () => {
    const schema = invokeContract['settings:get'].response;
    const settings = makeSettingsView();
    const { fast } = parsers(schema);
    expectSameAsZod(schema, fast, settings);
    expectSameAsZod(schema, fast, { ...settings, configDir: 'x'.repeat(5_000) });
    expectSameAsZod(schema, fast, { ...settings, tokens: { 'bad id!': 'set' } });
    const bounded = z.string().max(2);
    const parse = fastSafeParse(bounded);
    for (const value of ['ab', 'abc', '😀😀', '😀😀😀']) expectSameAsZod(bounded, parse, value);
    const view = makeClusterView();
    const views = z.array(ClusterViewSchema);
    const parseViews = fastSafeParse(views, memberOverrides());
    for (const odd of [NaN, Infinity, -Infinity, -0, 2 ** 60, 1.5]) {
      expectSameAsZod(views, parseViews, [{ ...view, lastPoll: odd }]);
      expectSameAsZod(views, parseViews, [
        { ...view, snapshot: { ...view.snapshot!, members: [makeMember({ serfPort: odd })] } },
      ]);
    }
  });

  it('uses the hand-written member parser only while MemberSchema has the shape it checks', () => {
    expect(memberOverrides().get(MemberSchema)).toBeTypeOf('function');
    expect(describeNode(MemberSchema.shape.rpcPort)).toBe('nullable<number[number_format:safeint]>');
    expect(memberOverrides(MemberSchema.extend({ build: z.string().nullable() })).size).toBe(0);
    expect(memberOverrides(MemberSchema.extend({ zone: z.string() })).size).toBe(0);
    expect(memberOverrides(MemberSchema.extend({ address: z.email() })).size).toBe(0);
    expect(memberOverrides(MemberSchema.strict()).size).toBe(0);
  });

  it('leaves the parsed value typed and equal for a 5,000-member cluster', () => {
    const members: Member[] = Array.from({ length: 5_000 }, (_, i) =>
      makeMember({ shortName: `server-${i}`, status: i % 97 === 0 ? 'failed' : 'alive' }),
    );
    const base = makeClusterView();
    const views: ClusterView[] = [{ ...base, snapshot: { ...base.snapshot!, members } }];
    const envelope = envelopeSchema(invokeContract['clusters:list'].response);
    expectSameAsZod(envelope, fastSafeParse(envelope, memberOverrides()), { ok: true, value: views });
  });
});
