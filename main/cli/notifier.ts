/** OS notifications for `watch --notify`: node-notifier through the notify module, echoed on stderr. */
import { err, ok } from '../../common/result.js';
import type { NotifierPort } from '../core/engine/index.js';
import { createOsNotifier } from '../core/notify/index.js';

/** The OS notifier; every notice is also logged on stderr, a failure comes back as a one-line error value. */
export function loadNotifier(log: (line: string) => void): NotifierPort {
  const os = createOsNotifier();
  return {
    notify: async (notice) => {
      log(`notify [${notice.severity}] ${notice.title}: ${notice.body}`);
      const r = await os.notify(notice);
      if (r.ok) return ok(undefined);
      const lines = r.error
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      return err(`OS notification failed: ${lines.at(-1) ?? 'no detail'}`);
    },
  };
}
