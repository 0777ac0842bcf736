import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  joinHostPort,
  normaliseBaseUrl,
  parseJoinAddress,
  parseServerAddress,
} from '../../common/addresses.js';

describe('joinHostPort (Go net.JoinHostPort)', () => {
  it('brackets IPv6 only', () => {
    expect(joinHostPort('10.0.0.8', 4647)).toBe('10.0.0.8:4647');
    expect(joinHostPort('fd00::8', 4647)).toBe('[fd00::8]:4647');
    expect(joinHostPort('nomad.example.com', '4648')).toBe('nomad.example.com:4648');
  });
});

describe('parseJoinAddress (serf, default 4648) and parseServerAddress (RPC, default 4647)', () => {
  const good: Array<[string, string, string]> = [
    ['10.0.0.8', '10.0.0.8:4648', '10.0.0.8:4647'],
    ['10.0.0.8:5000', '10.0.0.8:5000', '10.0.0.8:5000'],
    ['[fd00::8]:5000', '[fd00::8]:5000', '[fd00::8]:5000'],
    ['[fd00::8]', '[fd00::8]:4648', '[fd00::8]:4647'],
    ['fd00::8', '[fd00::8]:4648', '[fd00::8]:4647'],
    ['::1', '[::1]:4648', '[::1]:4647'],
    ['::ffff:10.0.0.1', '[::ffff:10.0.0.1]:4648', '[::ffff:10.0.0.1]:4647'],
    ['nomad-1.example.com', 'nomad-1.example.com:4648', 'nomad-1.example.com:4647'],
    [' server-1:4648 ', 'server-1:4648', 'server-1:4648'],
  ];
  for (const [input, join, server] of good) {
    it(`"${input}" → ${join} / ${server}`, () => {
      const j = parseJoinAddress(input);
      const s = parseServerAddress(input);
      expect(j.ok && j.value.display).toBe(join);
      expect(s.ok && s.value.display).toBe(server);
    });
  }
  const bad = [
    '',
    '   ',
    '10.0.0.8:',
    '10.0.0.8:99999',
    '10.0.0.8:0',
    '[fd00::8',
    '[fd00::8]5000',
    'fd00:::8',
    'a b',
    'host:port',
    '[10.0.0.1]:1',
    'x:1:2',
    // The client used to accept all-numeric "host names"; Go's net.isDomainName refuses them, so Nomad could
    // never resolve one: now refused up front, like the window always did (common/addresses.ts).
    '1.2.3',
    '300.1.1.1:4648',
  ];
  for (const input of bad) {
    it(`rejects "${input}" with a message`, () => {
      const r = parseJoinAddress(input);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.length).toBeGreaterThan(5);
    });
  }
  it('round-trips any IPv4 + port', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 1, max: 65535 }), (ip, port) => {
        const r = parseJoinAddress(`${ip}:${port}`);
        return r.ok && r.value.host === ip && r.value.port === port;
      }),
    );
  });
  it('accepts any IPv6 literal bare and bracketed', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const bare = parseServerAddress(ip);
        const bracketed = parseServerAddress(`[${ip}]:1234`);
        return (
          bare.ok && bare.value.display === `[${ip}]:4647` && bracketed.ok && bracketed.value.port === 1234
        );
      }),
    );
  });
});

describe('normaliseBaseUrl', () => {
  it('keeps scheme/host/port, drops userinfo, trailing slashes, query', () => {
    expect(normaliseBaseUrl('http://127.0.0.1:4646/')).toEqual({ ok: true, value: 'http://127.0.0.1:4646' });
    expect(normaliseBaseUrl('https://u:p@nomad.example.com:4646//')).toEqual({
      ok: true,
      value: 'https://nomad.example.com:4646',
    });
    expect(normaliseBaseUrl('http://[::1]:4646?x=1')).toEqual({ ok: true, value: 'http://[::1]:4646' });
    expect(normaliseBaseUrl('https://proxy/nomad/')).toEqual({ ok: true, value: 'https://proxy/nomad' });
  });
  it('rejects other schemes and non-URLs with a clear message', () => {
    for (const input of ['127.0.0.1:4646', 'ftp://x', 'unix:///tmp/nomad.sock', '', 'http://']) {
      const r = normaliseBaseUrl(input);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(/\S/);
    }
  });
});

describe('the address forms', () => {
  it('gives both names of the sent form (address for the client, display for the window)', () => {
    const r = parseJoinAddress('[fd00::8]');
    expect(r.ok && r.value.display).toBe('[fd00::8]:4648');
  });
  it('accepts underscores in host names, as Go resolves them', () => {
    const r = parseServerAddress('nomad_server.service.consul');
    expect(r.ok && r.value.display).toBe('nomad_server.service.consul:4647');
  });
});
