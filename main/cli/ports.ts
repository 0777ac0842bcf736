/** Host ports for CLI runs: history that can be flushed before exit, and the notifiers of `watch`. */
import type { MonitorEvent } from '../../common/domain.js';
import { err, ok } from '../../common/result.js';
import type { HistoryPort, NotifierPort } from '../core/engine/index.js';
import { createHistory } from '../core/history/index.js';
import { createOsNotifier } from '../core/notify/index.js';

/** The config directory's history.jsonl (known secrets scrubbed), failures reported on `log`. */
export function cliHistory(
  dir: string,
  log: (line: string) => void,
  secrets: () => readonly string[] = () => [],
): Required<HistoryPort> {
  const history = createHistory({ dir, clock: Date.now, secrets });
  return {
    async append(event: MonitorEvent) {
      const r = await history.append(event);
      if (!r.ok) log(`history: ${r.error}`);
    },
    flush: () => history.flush(),
  };
}

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
