/**
 * Property tests of the user-input validators: join / server addresses (common/addresses.ts, as the window shows
 * them and as the client sends them), agent base URLs, and member-name resolution for force-leave.
 * Accepted input round-trips through its formatting; IPv6 is always bracketed with a port; ports are 1..65535;
 * nothing throws on any string.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as ui from '../../common/addresses.js';
import type { Member } from '../../common/nomad-domain.js';
import { resolveMember } from '../../main/core/engine/members.js';
import { toMember } from '../../main/core/nomad/wire.js';

const RUNS = 1_000;

/** Both validators, seen the same way through each of their two forms (display text, sent address), host, port. */
const validators = [
  { name: 'common join', parse: (s: string) => map(ui.parseJoinAddress(s)), defaultPort: 4648 },
  { name: 'common server', parse: (s: string) => map(ui.parseServerAddress(s)), defaultPort: 4647 },
  { name: 'sent join', parse: (s: string) => mapSent(ui.parseJoinAddress(s)), defaultPort: 4648 },
  { name: 'sent server', parse: (s: string) => mapSent(ui.parseServerAddress(s)), defaultPort: 4647 },
] as const;

type Parsed = { ok: true; display: string; host: string; port: number } | { ok: false; error: string };
function map(r: ReturnType<typeof ui.parseJoinAddress>): Parsed {
  return r.ok ? { ok: true, display: r.value.display, host: r.value.host, port: r.value.port } : r;
}
function mapSent(r: ReturnType<typeof ui.parseJoinAddress>): Parsed {
  return r.ok ? { ok: true, display: r.value.display, host: r.value.host, port: r.value.port } : r;
}

/** Strings that look a bit like addresses, plus anything at all. */
const addressish = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.stringMatching(/^[\w.:[\]%-]{0,40}$/),
  fc.ipV4(),
  fc.ipV6(),
  fc.domain(),
  fc
    .tuple(fc.oneof(fc.ipV4(), fc.domain()), fc.integer({ min: -5, max: 70_000 }))
    .map(([h, p]) => `${h}:${p}`),
  fc.tuple(fc.ipV6(), fc.integer({ min: -5, max: 70_000 })).map(([h, p]) => `[${h}]:${p}`),
);

describe.each(validators)('$name address validator', ({ parse, defaultPort }) => {
  it('never throws; accepted addresses round-trip, IPv6 bracketed with a port, ports 1..65535', () => {
    fc.assert(
      fc.property(addressish, (input) => {
        const r = parse(input);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) {
          expect(r.error.length).toBeGreaterThan(0);
          return;
        }
        expect(r.port).toBeGreaterThanOrEqual(1);
        expect(r.port).toBeLessThanOrEqual(65_535);
        if (r.host.includes(':')) expect(r.display).toBe(`[${r.host}]:${r.port}`);
        else expect(r.display).toBe(`${r.host}:${r.port}`);
        const again = parse(r.display);
        expect(again).toEqual(r);
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });

  it('accepts every IPv4 and IPv6 literal with any valid port, and fills in the default port', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), fc.integer({ min: 1, max: 65_535 }), (host, port) => {
        const bracketed = host.includes(':') ? `[${host}]` : host;
        const withPort = parse(`${bracketed}:${port}`);
        expect(withPort).toMatchObject({ ok: true, host, port });
        expect(parse(bracketed)).toMatchObject({ ok: true, host, port: defaultPort });
      }),
      { numRuns: RUNS, seed: 12 },
    );
  });

  it('refuses ports outside 1..65535', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.ipV4(),
          fc.ipV6().map((h) => `[${h}]`),
        ),
        fc.oneof(fc.constant(0), fc.integer({ min: 65_536, max: 99_999 })),
        (host, port) => {
          expect(parse(`${host}:${port}`).ok).toBe(false);
        },
      ),
      { numRuns: RUNS, seed: 13 },
    );
  });
});

describe('agent base URL', () => {
  it('never throws; accepted URLs are http(s), carry no credentials or trailing slash, and are stable', () => {
    const urlish = fc.oneof(
      fc.webUrl({
        withQueryParameters: true,
        withFragments: true,
        authoritySettings: { withUserInfo: true, withPort: true, withIPv6: true, withIPv4: true },
      }),
      fc.string({ maxLength: 80 }),
      fc
        .tuple(
          fc.constantFrom('http://', 'https://', 'ftp://', 'HTTP://', 'file:///', ''),
          fc.string({ maxLength: 30 }),
        )
        .map(([a, b]) => a + b),
      fc
        .tuple(fc.constantFrom('http://', 'https://', 'ftp://', ''), fc.string({ maxLength: 20 }))
        .map(([scheme, rest]) => `${scheme}admin:S3CRETPW@${rest}`),
    );
    fc.assert(
      fc.property(urlish, (input) => {
        const r = ui.normaliseBaseUrl(input);
        if (!r.ok) {
          expect(r.error).not.toContain('S3CRETPW'); // never echoes a password
          return;
        }
        expect(r.value).toMatch(/^https?:\/\/[^/@]+/);
        expect(r.value.endsWith('/')).toBe(false);
        expect(ui.normaliseBaseUrl(r.value)).toEqual(r);
      }),
      { numRuns: RUNS, seed: 14 },
    );
  });
});

describe('member names (force-leave resolution)', () => {
  const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
  const memberList = fc.uniqueArray(fc.tuple(label, fc.constantFrom('global', 'eu', 'us-east')), {
    minLength: 1,
    maxLength: 12,
    selector: ([n, r]) => `${n}.${r}`,
  });
  const toMembers = (list: Array<[string, string]>): Member[] =>
    list.map(([name, region]) =>
      toMember({
        Name: `${name}.${region}`,
        Addr: '127.0.1.1',
        Port: 4648,
        Tags: { region, port: '4647' },
        Status: 'alive',
      }),
    );

  it('short name + region of a parsed member is its full name', () => {
    fc.assert(
      fc.property(memberList, (list) => {
        for (const m of toMembers(list)) expect(`${m.shortName}.${m.region}`).toBe(m.name);
      }),
      { numRuns: RUNS, seed: 15 },
    );
  });

  it('a full name resolves to itself; a short name resolves only when unique; anything else is refused', () => {
    fc.assert(
      fc.property(memberList, fc.oneof(fc.string({ maxLength: 20 }), label), (list, input) => {
        const members = toMembers(list);
        for (const m of members) expect(resolveMember(members, m.name)).toEqual({ ok: true, value: m });
        const r = resolveMember(members, input);
        const full = members.filter((m) => m.name === input);
        const short = members.filter((m) => m.shortName === input);
        if (full.length === 1) expect(r).toEqual({ ok: true, value: full[0] });
        else if (short.length === 1) expect(r).toEqual({ ok: true, value: short[0] });
        else if (short.length > 1)
          expect(r).toMatchObject({ ok: false, error: { kind: 'ambiguous-member' } });
        else expect(r).toMatchObject({ ok: false, error: { kind: 'unknown-member' } });
      }),
      { numRuns: RUNS, seed: 16 },
    );
  });
});
