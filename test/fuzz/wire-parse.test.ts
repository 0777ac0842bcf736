/**
 * Nomad response parsing under generated JSON: the request layer's parseJson + every wire schema + the mappers
 * to domain values never throw, always return a Result, and every ok value is a valid domain value. The error
 * mappers (HTTP status, transport error) turn anything into a valid NomadError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AgentHealthSchema,
  AgentSelfSchema,
  JoinResultSchema,
  MemberSchema,
  NomadErrorSchema,
} from '../../common/nomad-domain.js';
import { fromHttpStatus, fromTransportError } from '../../main/core/nomad/errors.js';
import { regionsToAsk } from '../../main/core/nomad/leader.js';
import { parseJson } from '../../main/core/nomad/request.js';
import {
  AutopilotSchema,
  HealthSchema,
  JoinSchema,
  LeaderSchema,
  RawMembersSchema,
  StringListSchema,
  toMember,
} from '../../main/core/nomad/wire.js';
import { RawSelfSchema, toAgentSelf } from '../../main/core/nomad/wire-self.js';
import { markLeaders, sortMembers } from '../support/member-oracle.js';

const RUNS = 2_000;

/** A value that is sometimes a plausible field and sometimes garbage. */
const field = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);
const tags = fc.oneof(
  fc.constant(null),
  fc.dictionary(
    fc.constantFrom('region', 'dc', 'port', 'build', 'expect', 'nonvoter', 'id', 'raft_vsn', 'role', 'x'),
    fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('4647', '3', '1', '-1', '99999999999999999999')),
  ),
  field,
);
const rawMember = fc.record(
  {
    Name: field,
    Addr: field,
    Port: field,
    Tags: tags,
    Status: fc.oneof(fc.constantFrom('alive', 'failed', 'left', 'leaving', 'weird'), field),
  },
  { requiredKeys: [] },
);
const membersBody = fc.oneof(
  fc.record(
    {
      ServerName: field,
      ServerRegion: field,
      ServerDC: field,
      Members: fc.oneof(fc.array(rawMember, { maxLength: 8 }), field),
    },
    { requiredKeys: [] },
  ),
  fc.array(rawMember, { maxLength: 8 }),
);
const selfBody = fc.record(
  {
    config: fc.oneof(
      fc.record(
        {
          Name: field,
          Region: field,
          Datacenter: field,
          Version: field,
          ACL: field,
          Server: field,
          Client: field,
        },
        { requiredKeys: [] },
      ),
      field,
    ),
    member: fc.oneof(rawMember, field),
    stats: fc.oneof(
      fc.dictionary(
        fc.constantFrom('nomad', 'raft', 'client', 'x'),
        fc.dictionary(fc.string({ maxLength: 12 }), field),
      ),
      field,
    ),
  },
  { requiredKeys: [] },
);

/** Any JSON text: generated values, shaped bodies, and broken text. */
const bodyText = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  membersBody.map((v) => JSON.stringify(v)),
  selfBody.map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('', '{', '[', 'null', '"', '{"Members":', '\u0000', '<html>', '1e999', '-0'),
);

function isResult(r: unknown): boolean {
  return typeof r === 'object' && r !== null && 'ok' in r && (r.ok === true ? 'value' in r : 'error' in r);
}

/** parseJson + mapping never throws; errors are valid NomadErrors; ok values pass `domain` when given. */
function check<S extends z.ZodType>(
  text: string,
  schema: S,
  map: (v: z.output<S>) => unknown,
  domain?: z.ZodType,
): void {
  const res = parseJson({ status: 200, text, location: null, headers: {} }, schema, 'GET /fuzz');
  expect(isResult(res)).toBe(true);
  if (!res.ok) {
    expect(NomadErrorSchema.safeParse(res.error).success).toBe(true);
    expect(res.error.kind).toBe('invalid-response');
    return;
  }
  const mapped = map(res.value);
  if (domain) expect(domain.safeParse(mapped).success).toBe(true);
}

describe('Nomad response parsing under generated JSON', () => {
  it('members: parse, map, mark leaders and sort; every member is a valid domain Member', () => {
    fc.assert(
      fc.property(bodyText, (text) =>
        check(text, RawMembersSchema, (raw) => {
          const members = raw.Members.map(toMember);
          const marked = sortMembers(
            markLeaders(
              members,
              Object.fromEntries(regionsToAsk(members).map((r) => [r, { ok: true, address: null }])),
            ),
          );
          for (const m of marked) expect(MemberSchema.safeParse(m).success).toBe(true);
          return marked;
        }),
      ),
      { numRuns: RUNS, seed: 1 },
    );
  });

  it('self: parse and map to a valid AgentSelf', () => {
    fc.assert(
      fc.property(bodyText, (text) => check(text, RawSelfSchema, toAgentSelf, AgentSelfSchema)),
      { numRuns: RUNS, seed: 2 },
    );
  });

  it('health, autopilot, join, leader and string lists never throw', () => {
    fc.assert(
      fc.property(bodyText, (text) => {
        check(text, HealthSchema, (v) => v, AgentHealthSchema);
        check(text, AutopilotSchema, (v) => v);
        check(text, JoinSchema, (v) => v, JoinResultSchema);
        check(text, LeaderSchema, (v) => v);
        check(text, StringListSchema, (v) => v);
      }),
      { numRuns: RUNS, seed: 3 },
    );
  });

  it('any status and body map to a valid NomadError', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 999 }),
        fc.string({ maxLength: 3_000 }),
        fc.option(fc.string()),
        (status, body, location) => {
          const e = fromHttpStatus(status, body, location);
          expect(NomadErrorSchema.safeParse(e).success).toBe(true);
          expect(e.body?.length ?? 0).toBeLessThanOrEqual(1_025);
        },
      ),
      { numRuns: RUNS, seed: 4 },
    );
  });

  it('any thrown value maps to a valid NomadError', () => {
    const errorLike = fc.letrec((tie) => ({
      err: fc.record(
        {
          code: fc.oneof(
            fc.constantFrom(
              'ECONNREFUSED',
              'UND_ERR_SOCKET',
              'CERT_HAS_EXPIRED',
              'ERR_SSL_X',
              'HPE_INVALID',
              'UND_ERR_ABORTED',
            ),
            field,
          ),
          message: field,
          name: fc.oneof(fc.constantFrom('TimeoutError', 'AbortError'), field),
          cause: fc.oneof(fc.constant(undefined), tie('err')),
          errors: fc.oneof(fc.constant(undefined), fc.array(tie('err'), { maxLength: 3 })),
        },
        { requiredKeys: [], noNullPrototype: true },
      ),
    })).err;
    fc.assert(
      fc.property(
        fc.oneof(errorLike, fc.anything()),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (e, a, b, c, d) => {
          const mapped = fromTransportError(e, {
            hasClientCert: a,
            https: b,
            deadlineHit: c,
            closedAfterHandshake: d,
          });
          expect(NomadErrorSchema.safeParse(mapped).success).toBe(true);
        },
      ),
      { numRuns: RUNS, seed: 5 },
    );
  });

  it('a null-prototype object deep in a cause chain maps to a NomadError instead of throwing', () => {
    // Found by the property above (seed 5): chain() in errors.ts calls String(e) past depth 5, which throws
    // "Cannot convert object to primitive value" for an object without a prototype.
    let e: unknown = Object.create(null);
    for (let i = 0; i < 6; i += 1) e = { cause: e };
    let mapped: unknown;
    expect(() => {
      mapped = fromTransportError(e, {
        hasClientCert: false,
        https: false,
        deadlineHit: false,
        closedAfterHandshake: false,
      });
    }).not.toThrow();
    expect(NomadErrorSchema.safeParse(mapped).success).toBe(true);
  });
});
