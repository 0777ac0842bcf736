/** The browser shell's pure rules: Host / Origin / bearer checks, flag parsing, display detection, favicon. */
import { describe, expect, it } from 'vitest';
import { parseBrowserArgs } from '../../main/browser/args.js';
import { faviconSvg } from '../../main/browser/favicon.js';
import { iconSvg } from '../../common/state-icon.js';
import { allowedHosts, hasBearer, isAllowedHost, isAllowedOrigin } from '../../main/browser/guard.js';
import { hasDisplay, openerFor } from '../../main/browser/open.js';

describe('request guards', () => {
  it('accepts only our loopback Host with our port', () => {
    expect(isAllowedHost('127.0.0.1:4680', 4680)).toBe(true);
    expect(isAllowedHost('[::1]:4680', 4680)).toBe(true);
    expect(isAllowedHost('LOCALHOST:4680', 4680)).toBe(true);
    for (const host of [
      undefined,
      '127.0.0.1',
      '127.0.0.1:4681',
      'evil.example:4680',
      'localhost.evil:4680',
      '0.0.0.0:4680',
    ]) {
      expect(isAllowedHost(host, 4680)).toBe(false);
    }
  });

  it('accepts no Origin or exactly our own', () => {
    expect(isAllowedOrigin(undefined, 4680)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:4680', 4680)).toBe(true);
    for (const origin of [
      'null',
      'http://evil.example',
      'https://127.0.0.1:4680',
      'http://127.0.0.1:4681',
      'http://127.0.0.1:4680.evil',
    ]) {
      expect(isAllowedOrigin(origin, 4680)).toBe(false);
    }
  });

  it('accepts exactly "Bearer <token>"', () => {
    const token = 'abcDEF_-0123456789abcdefghijklmnopqrstuvwxy';
    expect(hasBearer(`Bearer ${token}`, token)).toBe(true);
    for (const header of [
      undefined,
      '',
      token,
      `bearer ${token}`,
      `Bearer ${token}x`,
      `Bearer  ${token}`,
      `Basic ${token}`,
      `Bearer ${token.slice(1)}`,
    ]) {
      expect(hasBearer(header, token)).toBe(false);
    }
  });
});

describe('request guards: the edges', () => {
  it('the Host list is exactly the three loopback spellings with our port', () => {
    expect(allowedHosts(4680)).toEqual(['127.0.0.1:4680', '[::1]:4680', 'localhost:4680']);
    expect(isAllowedHost('localhost:4680', 4680)).toBe(true);
    expect(isAllowedHost('', 4680)).toBe(false);
  });

  it('an Origin is compared without regard to case, for every loopback spelling', () => {
    expect(isAllowedOrigin('HTTP://LOCALHOST:4680', 4680)).toBe(true);
    expect(isAllowedOrigin('http://[::1]:4680', 4680)).toBe(true);
    expect(isAllowedOrigin('', 4680)).toBe(false);
    expect(isAllowedOrigin('127.0.0.1:4680', 4680)).toBe(false);
  });

  it('a malformed header never matches an empty token (the digest compare alone is not enough)', () => {
    for (const header of ['', 'Basic x', 'Bearer ', 'Bearer']) expect(hasBearer(header, '')).toBe(false);
  });

  it('the token must be the whole header: nothing before "Bearer", nothing after the token', () => {
    const token = 'tok_1';
    expect(hasBearer(`xBearer ${token}`, token)).toBe(false);
    expect(hasBearer(`Bearer ${token}\n`, token)).toBe(false);
    expect(hasBearer(`Bearer ${token} `, token)).toBe(false);
  });

  it('tokens of 1 to 512 URL-safe characters are accepted; longer or other characters are not', () => {
    for (const token of ['a', 'Z', '9', '_', '-', 'x'.repeat(512)])
      expect(hasBearer(`Bearer ${token}`, token)).toBe(true);
    for (const token of ['x'.repeat(513), 'a.b', 'a+b', 'a/b', 'a=b', 'a b', 'é'])
      expect(hasBearer(`Bearer ${token}`, token)).toBe(false);
  });
});

describe('browser flags', () => {
  it('parses --no-open, --port and --config (both spellings)', () => {
    expect(parseBrowserArgs(['--browser', '--no-open', '--port', '4680', '--config', '/tmp/x'])).toEqual({
      ok: true,
      value: { port: 4680, open: false, configDir: '/tmp/x' },
    });
    expect(parseBrowserArgs(['--port=0', '--config=/a b'])).toEqual({
      ok: true,
      value: { port: 0, open: true, configDir: '/a b' },
    });
  });

  it('refuses bad ports and unknown flags with a sentence', () => {
    for (const argv of [
      ['--port'],
      ['--port', 'x'],
      ['--port', '70000'],
      ['--config'],
      ['--host', '0.0.0.0'],
    ]) {
      const parsed = parseBrowserArgs(argv);
      expect(parsed.ok).toBe(false);
      // One line on stderr, naming the flag at fault.
      if (!parsed.ok) expect(parsed.error).toMatch(new RegExp(`^[^\\n]*${argv[0]}[^\\n]*$`));
    }
    expect(parseBrowserArgs(['--port', '--no-open'])).toMatchObject({ ok: false });
    expect(parseBrowserArgs(['stray'])).toMatchObject({ ok: false });
  });

  it('opens a browser only where a display exists', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
    expect(openerFor('linux', new URL('http://x')).cmd).toBe('xdg-open');
    expect(openerFor('darwin', new URL('http://x')).cmd).toBe('open');
  });

  it('draws the favicon per state, neutral for anything unknown', () => {
    // The tray's own icons and colours (common/state-table.ts): blind states are the grey ring.
    expect(faviconSvg('critical')).toBe(iconSvg('critical'));
    expect(faviconSvg('healthy')).toBe(iconSvg('healthy'));
    expect(faviconSvg('forbidden')).toBe(iconSvg('unreachable'));
    expect(faviconSvg(null)).toBe(iconSvg('unreachable'));
    expect(faviconSvg('"><script>')).toBe(faviconSvg(null));
    for (const inherited of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(faviconSvg(inherited)).toBe(faviconSvg(null));
  });
});
