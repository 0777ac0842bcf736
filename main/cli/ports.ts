/** Host ports for CLI runs: history that can be flushed before exit and a stderr notifier fallback. */
import type { MonitorEvent } from '../../common/domain.js';
import type { HistoryPort, NotifierPort } from '../core/engine/index.js';
import { createHistory } from '../core/history/index.js';
import type { Notice } from '../core/monitor/index.js';

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

/** A notifier that only writes notices to stderr (used when OS notifications are off or unavailable). */
export function stderrNotifier(log: (line: string) => void): NotifierPort {
  return { notify: (n: Notice) => log(`notify [${n.severity}] ${n.title}: ${n.body}`) };
}
