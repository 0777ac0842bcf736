/**
 * The members answer: the null-tolerance rules (Tags, Addr, Members null) and unknown statuses of MembersSchema,
 * and over HTTP the client's sorted, leader-marked list (the straightforward path: RawMembersSchema, toMember,
 * markLeaders, sortMembers) and its error wording when the answer has the wrong shape.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LeaderLookup, Member } from '../../common/nomad-domain.js';
import { regionsToAsk } from '../../main/core/nomad/leader.js';
import { toMember } from '../../main/core/nomad/wire.js';
import { markLeaders, sortMembers } from '../support/member-oracle.js';
import { MembersSchema, RawMembersSchema } from '../../main/core/nomad/wire.js';
import { useServersAndClients } from './helpers/clients.js';

const { serve, client } = useServersAndClients(2000);

/** The straightforward path: RawMembersSchema, then toMember on each raw member. */
function viaZod(data: unknown) {
  const raw = RawMembersSchema.safeParse(data);
  return raw.success ? { ...raw.data, Members: raw.data.Members.map(toMember) } : undefined;
}

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

describe('the members schema', () => {
  it('keeps the null rules and unknown statuses: Tags/Addr/Members null, "rebooting" kept raw', () => {
    const parsed = MembersSchema.parse(
      JSON.parse(
        '{"ServerName":null,"Members":[{"Name":"c1","Addr":null,"Port":null,"Tags":null,"Status":"rebooting"}]}',
      ),
    );
    expect(parsed.ServerName).toBe('');
    expect(parsed.Members[0]).toMatchObject({
      name: 'c1',
      address: '',
      serfPort: 0,
      tags: [],
      status: 'unknown',
      statusRaw: 'rebooting',
      rpcAddr: null,
    });
    expect(MembersSchema.parse(JSON.parse('{"Members":null}')).Members).toEqual([]);
    // A tag named __proto__ is data: kept by value.
    expect(
      MembersSchema.parse(JSON.parse('{"Members":[{"Tags":{"__proto__":"x"}}]}')).Members[0]?.tags,
    ).toEqual([['__proto__', 'x']]);
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

  it('words a shape error as the schema does', async () => {
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
