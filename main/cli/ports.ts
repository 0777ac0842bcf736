/** Host ports for CLI runs: history that can be flushed before exit, and the notifiers of `watch`. */
import type { MonitorEvent } from '../../common/domain.js';
import { err, ok } from '../../common/result.js';
import type { HistoryPort, NotifierPort } from '../core/engine/index.js';
import { createHistory } from '../core/history/index.js';
import { createOsNotifier } from '../core/notify/index.js';

export interface FlushableHistory extends HistoryPort {
  /** Waits for every append started so far (call before the process exits). */
  flush(): Promise<void>;
}

/** The config directory's history.jsonl (known secrets scrubbed), failures reported on `log`, appends awaitable. */
export function cliHistory(
  dir: string,
  log: (line: string) => void,
  secrets: () => readonly string[] = () => [],
): FlushableHistory {
  const history = createHistory({ dir, clock: Date.now, secrets });
  const pending = new Set<Promise<unknown>>();
  return {
    append(event: MonitorEvent) {
      const p = history.append(event).then((r) => {
        if (!r.ok) log(`history: ${r.error}`);
      });
      pending.add(p);
      void p.finally(() => pending.delete(p));
      return p;
    },
    async flush() {
      await Promise.all([...pending]);
    },
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
