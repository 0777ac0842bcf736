/** The notifier ports of CLI runs: silent, or the OS notifications of `watch --notify`. */
import { err, ok } from '../../common/result.js';
import type { NotifierPort } from '../core/engine/index.js';
import { createOsNotifier } from '../core/notify/index.js';

/** Notices go nowhere (commands other than `watch --notify`: the policy's verdicts are not shown). */
export const silentNotifier: NotifierPort = { notify: () => undefined };

/** `watch --notify`: OS notifications (node-notifier), each notice echoed on stderr; a failure is one line. */
export function osNotifier(log: (line: string) => void): NotifierPort {
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
