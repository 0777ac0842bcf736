/**
 * Quiet hours: a local wall-clock window ("22:00" → "07:00", may cross midnight) during which only critical
 * notices pass. Pure: local time comes from `now` plus the UTC offset the engine computed for this round.
 */
import type { GlobalSettings } from '../../../common/settings-schema.js';

/** Minutes since local midnight at `now` for a UTC offset in minutes (e.g. +120 for UTC+2). */
export function localMinutesOf(now: number, utcOffsetMinutes: number): number {
  const minutes = Math.floor(now / 60_000) + Math.round(utcOffsetMinutes);
  return ((minutes % 1440) + 1440) % 1440;
}

/** "HH:MM" → minutes since midnight (the settings schema holds the form). */
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/**
 * True when `localMinutes` falls in the quiet window [start, end). A window crossing midnight (start > end)
 * covers start..24:00 and 00:00..end. start === end is an empty window (nothing is quiet).
 */
export function inQuietHours(quiet: GlobalSettings['quietHours'], localMinutes: number): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (!quiet.enabled || start === end) return false;
  return start < end
    ? localMinutes >= start && localMinutes < end
    : localMinutes >= start || localMinutes < end;
}
