import { describe, expect, it } from 'vitest';
import {
  isHostname,
  isIPv6,
  parseAddresses,
  parseJoinAddress,
  parseServerAddress,
  splitAddressList,
} from '../../common/addresses.js';

describe('parseJoinAddress', () => {
  it.each([
    ['10.0.0.14', '10.0.0.14:4648', 'ipv4'],
    ['10.0.0.14:5648', '10.0.0.14:5648', 'ipv4'],
    ['fd00::1', '[fd00::1]:4648', 'ipv6'],
    ['[fd00::1]', '[fd00::1]:4648', 'ipv6'],
    ['[fd00::1]:4700', '[fd00::1]:4700', 'ipv6'],
    ['[::ffff:10.0.0.1]:4648', '[::ffff:10.0.0.1]:4648', 'ipv6'],
    ['server-4.example.com', 'server-4.example.com:4648', 'hostname'],
    ['  nomad-1:4648 ', 'nomad-1:4648', 'hostname'],
    // Go's resolver (net.isDomainName) accepts underscores; the client always did, the window now does too.
    ['nomad_1.internal', 'nomad_1.internal:4648', 'hostname'],
    // Link-local IPv6 with a zone: Go's resolver accepts it (netip.ParseAddr keeps the zone).
    ['[fe80::1%eth0]:4648', '[fe80::1%eth0]:4648', 'ipv6'],
  ])('%s → %s', (input, display, kind) => {
    const parsed = parseJoinAddress(input);
    expect(parsed.ok && parsed.value).toMatchObject({ display, kind });
  });

  it.each([
    ['', 'Enter an address'],
    ['10.0.0.14:0', 'not a port'],
    ['10.0.0.14:65536', 'not a port'],
    ['10.0.0.14:http', 'not a port'],
    ['[fd00::1', 'missing "]"'],
    ['[fd00::1]4648', 'expected ":port"'],
    ['[nope]:4648', 'not an IPv6'],
    ['300.1.1.1', 'is not an IPv4 address'],
    ['bad_host!', 'is not an IPv4 address'],
    // All-numeric is a malformed IPv4 address, not a name (Go's isDomainName refuses it too).
    ['1.2.3:4648', 'is not an IPv4 address'],
    ['x:1:2', 'write IPv6 with a port as [address]:port'],
    ['http://10.0.0.1:4646', 'is a URL'],
  ])('refuses %j with a plain reason', (input, reason) => {
    const parsed = parseJoinAddress(input);
    expect(parsed.ok ? 'accepted' : parsed.error).toContain(reason);
  });
});

describe('parseServerAddress', () => {
  it('defaults to the RPC port 4647', () => {
    const parsed = parseServerAddress('10.0.0.8');
    expect(parsed.ok && parsed.value.display).toBe('10.0.0.8:4647');
  });
});

describe('helpers', () => {
  it('validates IPv6 group counts', () => {
    expect(isIPv6('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isIPv6('1:2:3:4:5:6:7')).toBe(false);
    expect(isIPv6('1::2::3')).toBe(false);
    expect(isIPv6('::')).toBe(true);
  });
  it('validates host names', () => {
    expect(isHostname('a-b.c')).toBe(true);
    expect(isHostname('-a')).toBe(false);
    expect(isHostname('1.2.3')).toBe(false);
  });
  it('splits pasted lists', () => {
    expect(splitAddressList(' 10.0.0.1, 10.0.0.2\n[fd00::1]:4648 ')).toEqual([
      '10.0.0.1',
      '10.0.0.2',
      '[fd00::1]:4648',
    ]);
  });
  it('splits on commas and new lines only: an entry with spaces is one (bad) entry, not three', () => {
    expect(splitAddressList('not a host!\r\n10.0.0.3,,\n')).toEqual(['not a host!', '10.0.0.3']);
    expect(parseJoinAddress('not a host!').ok).toBe(false);
  });
});

describe('parseAddresses', () => {
  it("returns every address as sent to Nomad, or the first bad one's error", () => {
    expect(parseAddresses(['10.0.0.1', 'fd00::1'], parseJoinAddress)).toEqual({
      ok: true,
      value: ['10.0.0.1:4648', '[fd00::1]:4648'],
    });
    expect(parseAddresses(['10.0.0.1', 'http://x', ':0'], parseServerAddress)).toEqual({
      ok: false,
      error: '"http://x" is a URL: give host[:port], not the HTTP API URL.',
    });
    expect(parseAddresses([], parseJoinAddress)).toEqual({ ok: true, value: [] });
  });
});
