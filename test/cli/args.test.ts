import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../main/cli/args.js';
import { parseDuration } from '../../main/cli/duration.js';
import { eventJson } from '../../main/cli/format.js';
import { snoozeUntil } from '../../main/core/engine/snooze.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['1s', 1_000],
    ['10s', 10_000],
    ['2m', 120_000],
    ['1.5s', 1_500],
    ['1h', 3_600_000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: ms });
  });
  it.each(['10', 's', '-1s', '0s', '1 s', '1d', ''])('refuses %j', (text) => {
    expect(parseDuration(text).ok).toBe(false);
  });
});

describe('parseArgs', () => {
  it('reads flags in both spellings, repeatable --address, and positionals', () => {
    const r = parseArgs([
      'watch',
      '--interval=2m',
      '--confirm',
      '3',
      '--address',
      'http://a:4646',
      '--address=https://b:4646',
      '--json',
    ]);
    expect(r.ok && r.value).toMatchObject({
      command: 'watch',
      intervalMs: 120_000,
      confirm: 3,
      json: true,
      conn: { addresses: ['http://a:4646', 'https://b:4646'] },
    });
  });
  it('servers takes addresses only with --set', () => {
    expect(parseArgs(['servers', '--set', 'a:4647', 'b']).ok).toBe(true);
    expect(parseArgs(['servers', 'a:4647']).ok).toBe(false);
    expect(parseArgs(['servers', '--set']).ok).toBe(false);
  });
  it('errors are one line naming the problem', () => {
    const r = parseArgs(['force-leave', 'a', 'b']);
    expect(r.ok ? '' : r.error).toBe('unexpected argument "b" for "force-leave"');
    const flag = parseArgs(['history', '--address', 'http://x']);
    expect(flag.ok ? '' : flag.error).toBe('unknown flag --address for "history"');
  });
  it.each([
    [['constructor'], 'unknown command "constructor" (try --help)'],
    [['__proto__'], 'unknown command "__proto__" (try --help)'],
    [['status', '--constructor'], 'unknown flag --constructor for "status"'],
    [['status', '--__proto__', 'x'], 'unknown flag --__proto__ for "status"'],
    [['--prune', 'force-leave', 'n'], 'unknown flag --prune'],
    [['status', '--json=yes'], 'flag --json takes no value'],
    [['status', '--token='], 'flag --token needs a value'],
    [['watch', '--interval', '50ms'], '--interval must be at least 100ms'],
    [['status', '--format', 'i3blocks'], '--format "i3blocks" must be one of: waybar, xbar'],
    [
      ['status', '--address', 'http://u:secret@'],
      '--address: "http://***@" is not a URL (expected e.g. http://127.0.0.1:4646)',
    ],
    [['--', 'status'], 'missing command (try --help)'],
    [['status', '-x'], 'unknown flag -x for "status"'],
  ])('%j is refused: %s', (argv, error) => {
    expect(parseArgs(argv)).toEqual({ ok: false, error });
  });
  it('flags may come before the command; the last of a repeated flag wins; -- ends the flags', () => {
    const r = parseArgs(['--config', '/c', '--token', 'a', 'force-leave', '--token=b', '--', '--prune']);
    expect(r.ok && r.value).toMatchObject({
      command: 'force-leave',
      configDir: '/c',
      prune: false,
      conn: { token: 'b' },
      positionals: ['--prune'],
    });
  });
  it('--help needs no command', () => {
    expect(parseArgs(['-h'])).toMatchObject({ ok: true, value: { help: true, command: null } });
    expect(parseArgs(['--help'])).toMatchObject({ ok: true, value: { help: true, command: null } });
  });
});

describe('watch --json lines', () => {
  it('have the documented keys in order, ISO time, optional keys only when set', () => {
    const line = eventJson({
      time: Date.UTC(2026, 0, 2, 3, 4, 5),
      clusterId: 'p',
      cluster: 'Prod',
      type: 'member-failed',
      member: 'server-2.global',
      from: 'alive',
      to: 'failed',
      severity: 'warning',
      message: 'server-2.global failed',
    });
    expect(line).toBe(
      '{"time":"2026-01-02T03:04:05.000Z","cluster":"Prod","type":"member-failed","member":"server-2.global","from":"alive","to":"failed","severity":"warning","message":"server-2.global failed"}',
    );
    const bare = JSON.parse(
      eventJson({
        time: 0,
        clusterId: 'p',
        cluster: 'Prod',
        type: 'digest',
        severity: 'critical',
        message: 'm',
      }),
    ) as object;
    expect(Object.keys(bare)).toEqual(['time', 'cluster', 'type', 'severity', 'message']);
  });
});

describe('snoozeUntil', () => {
  const now = Date.UTC(2026, 0, 2, 21, 30); // 21:30 UTC
  it('timed choices and until-recovered', () => {
    expect(snoozeUntil('15m', now, 0)).toBe(now + 15 * 60_000);
    expect(snoozeUntil('1h', now, 0)).toBe(now + 3_600_000);
    expect(snoozeUntil('until-recovered', now, 0)).toBe('until-recovered');
    expect(snoozeUntil(null, now, 0)).toBeNull();
  });
  it('"tomorrow" is the next local 08:00', () => {
    expect(snoozeUntil('tomorrow', now, 0)).toBe(Date.UTC(2026, 0, 3, 8, 0));
    // UTC+2: local 23:30, next local 08:00 is 06:00 UTC
    expect(snoozeUntil('tomorrow', now, 120)).toBe(Date.UTC(2026, 0, 3, 6, 0));
    // UTC+5: local 02:30 on Jan 3, 08:00 local the same day = 03:00 UTC
    expect(snoozeUntil('tomorrow', now, 300)).toBe(Date.UTC(2026, 0, 3, 3, 0));
  });
});
