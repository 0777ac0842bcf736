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

/** "HH:MM" → minutes since midnight; null when malformed (the settings schema already rejects that). */
export function parseHhmm(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (match === null) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * True when `localMinutes` falls in the quiet window [start, end). A window crossing midnight (start > end)
 * covers start..24:00 and 00:00..end. start === end is an empty window (nothing is quiet).
 */
export function inQuietHours(quiet: GlobalSettings['quietHours'], localMinutes: number): boolean {
  if (!quiet.enabled) return false;
  const start = parseHhmm(quiet.start);
  const end = parseHhmm(quiet.end);
  if (start === null || end === null || start === end) return false;
  return start < end
    ? localMinutes >= start && localMinutes < end
    : localMinutes >= start || localMinutes < end;
}
