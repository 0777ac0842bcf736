import { describe, expect, it } from 'vitest';
import { decideNotifications } from '../../main/core/alerts/index.js';
import { inQuietHours, localMinutesOf } from '../../main/core/alerts/quiet-hours.js';
import { ev, failed, round, settings, titles } from './builders.js';

const night = { enabled: true, start: '22:00', end: '07:00' };
const utc = (hh: number, mm: number) => Date.UTC(2024, 0, 15, hh, mm);
const hm = (hh: number, mm: number) => hh * 60 + mm;

describe('quiet hours', () => {
  it.each([
    ['21:59', hm(21, 59), false],
    ['22:00', hm(22, 0), true],
    ['23:59', hm(23, 59), true],
    ['00:00', hm(0, 0), true],
    ['03:00', hm(3, 0), true],
    ['06:59', hm(6, 59), true],
    ['07:00', hm(7, 0), false],
    ['12:00', hm(12, 0), false],
  ])('a window crossing midnight 22:00 → 07:00 at %s: quiet = %s', (_label, minutes, expected) => {
    expect(inQuietHours(night, minutes)).toBe(expected);
  });

  it('a same-day window, an empty window and a disabled window', () => {
    const day = { enabled: true, start: '09:00', end: '17:00' };
    expect([hm(8, 59), hm(9, 0), hm(16, 59), hm(17, 0)].map((m) => inQuietHours(day, m))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(inQuietHours({ enabled: true, start: '10:00', end: '10:00' }, hm(10, 0))).toBe(false);
    expect(inQuietHours({ ...night, enabled: false }, hm(23, 0))).toBe(false);
  });

  it('local time comes from now plus the UTC offset (also across the date line)', () => {
    expect(localMinutesOf(utc(21, 30), 60)).toBe(hm(22, 30));
    expect(localMinutesOf(utc(1, 0), -120)).toBe(hm(23, 0));
    expect(localMinutesOf(utc(23, 0), 120)).toBe(hm(1, 0));
  });

  it('only critical notices pass inside the window, computed with the round offset', () => {
    const s = settings({ quietHours: night });
    const events = [failed('s1'), ev('leader-lost', { region: 'global' })];
    // 21:30 UTC is 22:30 local at UTC+1: quiet.
    const inside = decideNotifications(
      null,
      round({ now: utc(21, 30), utcOffsetMinutes: 60, settings: s, events }),
    );
    // 21:30 UTC at UTC+0: not quiet.
    const outside = decideNotifications(
      null,
      round({ now: utc(21, 30), utcOffsetMinutes: 0, settings: s, events }),
    );
    expect(titles(inside.notices)).toEqual(['prod: no leader in global']);
    expect(titles(outside.notices)).toEqual(['prod: s1 failed', 'prod: no leader in global']);
  });

  it('"since HH:MM" in bodies uses the same local offset', () => {
    const d = decideNotifications(null, round({ utcOffsetMinutes: 90, events: [failed('s1')] }));
    expect(d.notices[0]?.body).toBe('s1.global, alive → failed, since 13:30');
  });
});
