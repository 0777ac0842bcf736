/** Snooze choices → the policy's snooze value. Pure: time and the local UTC offset come in. */
import type { SnoozeDuration } from '../../../common/ipc-contract.js';

/** Local hour at which a "tomorrow" snooze ends. */
export const TOMORROW_HOUR = 8;
/** How long a timed snooze lasts. */
const LASTS_MS = { '15m': 15 * 60_000, '1h': 60 * 60_000 } as const;

/**
 * When a snooze chosen at `now` ends: epoch ms, 'until-recovered', or null (no snooze). "tomorrow" means the next
 * local 08:00 (the same day when it is still before 08:00).
 */
export function snoozeUntil(
  choice: SnoozeDuration,
  now: number,
  utcOffsetMinutes: number,
): number | 'until-recovered' | null {
  if (choice === null || choice === 'until-recovered') return choice;
  if (choice !== 'tomorrow') return now + LASTS_MS[choice];
  const day = 24 * 60 * 60_000;
  const local = now + utcOffsetMinutes * 60_000;
  let target = Math.floor(local / day) * day + TOMORROW_HOUR * 60 * 60_000;
  if (target <= local) target += day;
  return target - utcOffsetMinutes * 60_000;
}
