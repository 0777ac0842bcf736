/** A Notifier without an OS for tests: it keeps every notice; `failWith` makes the following calls fail. */
import { err, ok } from '../../common/result.js';
import type { Notice, Notifier } from '../../main/core/notify/index.js';

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
