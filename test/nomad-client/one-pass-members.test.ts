/**
 * The one-pass members builder (validate and map to Member at once, no raw members in between) gives exactly what
 * the zod path gives: RawMembersSchema, then toMember. The same for the health and leader fast paths (vs
 * HealthSchema / LeaderSchema), for the null-tolerance rules (Tags, Addr, Members null), unknown statuses, and
 * over HTTP: the client's sorted, leader-marked list and its error wording when the schema has to decide.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LeaderLookup, Member } from '../../common/domain.js';
import { markLeaders, regionsToAsk, sortMembers, toMember } from '../../main/core/nomad/index.js';
import { HealthSchema, LeaderSchema, MembersSchema, RawMembersSchema } from '../../main/core/nomad/wire.js';
import { parseHealthFast, parseLeaderFast, parseMembersFast } from '../../main/core/nomad/wire-fast.js';
import { useServersAndClients } from './helpers/clients.js';

const { serve, client } = useServersAndClients(2000);

/** The zod path as it was before the one-pass builder: RawMembersSchema, then toMember on each raw member. */
function viaZod(data: unknown) {
  const raw = RawMembersSchema.safeParse(data);
  return raw.success ? { ...raw.data, Members: raw.data.Members.map(toMember) } : undefined;
}

/** Two independent copies of a JSON value, as an agent's answer parses (so no side can see the other's objects). */
const twice = (p: unknown): [unknown, unknown] => {
  const text = JSON.stringify(p);
  return [JSON.parse(text), JSON.parse(text)];
};

const region = fc.constantFrom('global', 'eu-west', 'a', '');
const tagValue = fc.oneof(
  fc.string(),
  fc.constantFrom('4647', ' 12 ', '1', '0', '99999999999999999999', 'x'),
);
const tags = fc.oneof(
  fc.constant(null),
  fc.record(
    {
      region,
      dc: fc.constantFrom('dc1', 'dc2', ''),
      port: tagValue,
      build: fc.string(),
      raft_vsn: tagValue,
      id: fc.string(),
      expect: tagValue,
      nonvoter: fc.constantFrom('0', '1', ''),
      role: fc.constantFrom('nomad', 'consul'),
    },
    { requiredKeys: [] },
  ),
  // Any other string-to-string map (except `__proto__`, which the fast path leaves to zod on purpose).
  fc.dictionary(
    fc.string().filter((k) => k !== '__proto__'),
    fc.string(),
    { maxKeys: 4 },
  ),
);
const validMember = fc.record(
  {
    Name: fc.oneof(
      fc.constant(null),
      fc.string(),
      fc.tuple(fc.string(), region).map(([n, r]) => `${n}.${r}`),
    ),
    Addr: fc.oneof(fc.constant(null), fc.constantFrom('', '10.0.0.1', '10.0.0.2', 'fd00::8', '::1')),
    Port: fc.oneof(
      fc.constant(null),
      fc.integer({ min: 0, max: 65_535 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    ),
    Tags: tags,
    Status: fc.oneof(
      fc.constant(null),
      fc.constantFrom('alive', 'leaving', 'left', 'failed', 'none', 'rebooting', ''),
      fc.integer(),
      fc.string(),
    ),
    Extra: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
  },
  { requiredKeys: [] },
);
const validAnswer = fc.oneof(
  fc.record(
    {
      ServerName: fc.oneof(fc.constant(null), fc.string()),
      ServerRegion: fc.oneof(fc.constant(null), region),
      ServerDC: fc.oneof(fc.constant(null), fc.string()),
      Members: fc.oneof(fc.constant(null), fc.array(validMember, { maxLength: 8 })),
    },
    { requiredKeys: [] },
  ),
  fc.array(validMember, { maxLength: 8 }),
);

/** Anything JSON can carry, for answers the fast paths must either get exactly right or leave to zod. */
const anyJson = fc.jsonValue({ maxDepth: 3 });
const hostileMember = fc.oneof(
  validMember,
  anyJson,
  fc.record(
    { Name: anyJson, Addr: anyJson, Port: anyJson, Tags: anyJson, Status: anyJson },
    { requiredKeys: [] },
  ),
);
const hostileAnswer = fc.oneof(
  anyJson,
  fc.array(hostileMember, { maxLength: 4 }),
  fc.record(
    {
      ServerName: anyJson,
      ServerRegion: anyJson,
      ServerDC: anyJson,
      Members: fc.oneof(anyJson, fc.array(hostileMember)),
    },
    { requiredKeys: [] },
  ),
);

describe('one-pass members builder', () => {
  it('vouches for every well-formed answer and gives exactly the zod path’s members', () => {
    fc.assert(
      fc.property(validAnswer, (p) => {
        const [a, b] = twice(p);
        const fast = parseMembersFast(a);
        expect(fast).not.toBeUndefined();
        expect(fast).toStrictEqual(viaZod(b));
        expect(fast).toStrictEqual(MembersSchema.parse(b));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('on any JSON: vouches only when zod accepts, with the same output; otherwise leaves it to zod', () => {
    let vouched = 0;
    let declined = 0;
    fc.assert(
      fc.property(hostileAnswer, (p) => {
        const [a, b] = twice(p);
        const fast = parseMembersFast(a);
        const slow = viaZod(b);
        if (fast === undefined) {
          declined += 1;
          return;
        }
        vouched += 1;
        expect(fast).toStrictEqual(slow);
      }),
      { numRuns: 3000, seed: 5 },
    );
    expect(vouched).toBeGreaterThan(100);
    expect(declined).toBeGreaterThan(100);
  });

  it('keeps the null rules and unknown statuses: Tags/Addr/Members null, "rebooting" kept raw', () => {
    const fast = parseMembersFast(
      JSON.parse(
        '{"ServerName":null,"Members":[{"Name":"c1","Addr":null,"Port":null,"Tags":null,"Status":"rebooting"}]}',
      ),
    );
    expect(fast?.ServerName).toBe('');
    expect(fast?.Members[0]).toMatchObject({
      name: 'c1',
      address: '',
      serfPort: 0,
      tags: [],
      status: 'unknown',
      statusRaw: 'rebooting',
      rpcAddr: null,
    });
    expect(parseMembersFast(JSON.parse('{"Members":null}'))?.Members).toEqual([]);
    // A tag named __proto__ is data: kept by value.
    expect(
      parseMembersFast(JSON.parse('{"Members":[{"Tags":{"__proto__":"x"}}]}'))?.Members[0]?.tags,
    ).toEqual([['__proto__', 'x']]);
  });
});

describe('health and leader fast paths', () => {
  const check = fc.oneof(
    fc.record(
      { ok: fc.boolean(), message: fc.oneof(fc.string(), fc.constant(null)) },
      { requiredKeys: ['ok'] },
    ),
    anyJson,
  );
  const health = fc.oneof(
    fc.record({ client: check, server: check, other: anyJson }, { requiredKeys: [] }),
    anyJson,
  );

  it('health: vouches only when HealthSchema accepts, with the same value, and for every real answer', () => {
    let vouched = 0;
    fc.assert(
      fc.property(health, (p) => {
        const [a, b] = twice(p);
        const fast = parseHealthFast(a);
        const slow = HealthSchema.safeParse(b);
        if (fast === undefined) return;
        vouched += 1;
        expect(slow.success).toBe(true);
        expect(fast).toStrictEqual(slow.data);
      }),
      { numRuns: 3000, seed: 3 },
    );
    expect(vouched).toBeGreaterThan(100);
    const real = { client: { ok: true, message: 'ok' }, server: { ok: false, message: 'no leader' } };
    expect(parseHealthFast(real)).toStrictEqual(HealthSchema.parse(real));
  });

  it('leader: the same value as LeaderSchema for every string, and nothing else vouched', () => {
    fc.assert(
      fc.property(anyJson, (p) => {
        const fast = parseLeaderFast(p);
        const slow = LeaderSchema.safeParse(p);
        expect(fast !== undefined).toBe(slow.success);
        if (slow.success) expect(fast).toBe(slow.data);
      }),
      { numRuns: 1000, seed: 2 },
    );
  });
});

describe('the client over HTTP', () => {
  /** Leader answer per region: the first member of that region with an RPC address, else "" (no leader). */
  function leadersOf(list: Member[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const m of list) if (!out.has(m.region) && m.rpcAddr !== null) out.set(m.region, m.rpcAddr);
    return out;
  }

  it('gives the members the straightforward path gives: zod, toMember, markLeaders, sortMembers', async () => {
    const state: { body: string; leaders: Map<string, string> } = { body: '[]', leaders: new Map() };
    const s = await serve((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      res.writeHead(200, { 'content-type': 'application/json' });
      if (url.pathname === '/v1/agent/members') res.end(state.body);
      else res.end(JSON.stringify(state.leaders.get(url.searchParams.get('region') ?? '') ?? ''));
    });
    const c = await client(s.url);
    await fc.assert(
      fc.asyncProperty(validAnswer, async (p) => {
        state.body = JSON.stringify(p);
        const ref = viaZod(JSON.parse(state.body));
        if (ref === undefined) throw new Error('the generator made an answer zod rejects');
        state.leaders = leadersOf(ref.Members);
        const got = await c.members();
        expect(got.ok).toBe(true);
        if (!got.ok) return;
        const leaders: Record<string, LeaderLookup> = {};
        for (const r of regionsToAsk(ref.Members))
          leaders[r] = { ok: true, address: state.leaders.get(r) ?? null };
        expect(got.value.leaders).toStrictEqual(leaders);
        expect(got.value.members).toStrictEqual(sortMembers(markLeaders(ref.Members, leaders)));
        expect([got.value.serverName, got.value.serverRegion, got.value.serverDc]).toEqual([
          ref.ServerName,
          ref.ServerRegion,
          ref.ServerDC,
        ]);
      }),
      { numRuns: 40, seed: 13 },
    );
  });

  it('words a shape error as the schema does when the fast path cannot vouch', async () => {
    const bodies = [
      { Members: [{ Name: 'a', Port: 'x' }] },
      { Members: [{ Name: 'a', Tags: { region: 1 } }] },
      { ServerName: 5, Members: [] },
      'nope',
    ];
    for (const body of bodies) {
      const s = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
      const parsed = RawMembersSchema.safeParse(body);
      expect(parsed.success).toBe(false);
      const issue = parsed.error?.issues[0];
      const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unexpected shape';
      const got = await (await client(s.url)).members();
      expect(!got.ok && got.error).toMatchObject({
        kind: 'invalid-response',
        code: 'SCHEMA_MISMATCH',
        message: `GET /v1/agent/members: unexpected JSON shape (${where})`,
      });
    }
  });
});
