/** Notifiers without an OS: a recorder for tests and the engine, and a primary-with-fallback composition. */
import { err, ok } from '../../../common/result.js';
import type { Notice, Notifier } from './types.js';

/** A Notifier that keeps every notice; `failWith` makes the following calls fail (null: succeed again). */
export interface RecordingNotifier extends Notifier {
  readonly notices: Notice[];
  failWith(message: string | null): void;
}

/** Creates a notifier that records notices in memory instead of showing them. */
export function createRecordingNotifier(): RecordingNotifier {
  const notices: Notice[] = [];
  let failure: string | null = null;
  return {
    notices,
    failWith(message) {
      failure = message;
    },
    async notify(notice) {
      if (failure !== null) return err(failure);
      notices.push(notice);
      return ok(undefined);
    },
  };
}

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
