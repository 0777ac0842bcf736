/** A primary-with-fallback composition of notifiers. */
import { err } from '../../../common/result.js';
import type { Notifier } from './types.js';

/** Tries `primary`; when it fails, `fallback`. Fails only when both do, with both reasons. */
export function composeNotifiers(primary: Notifier, fallback: Notifier): Notifier {
  return {
    async notify(notice) {
      const first = await primary.notify(notice);
      if (first.ok) return first;
      const second = await fallback.notify(notice);
      return second.ok ? second : err(`${first.error}; fallback: ${second.error}`);
    },
  };
}
