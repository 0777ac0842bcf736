/** The notification port: how the monitor engine tells the OS about a Notice. */
import type { Result } from '../../../common/result.js';
import type { Notice } from '../monitor/index.js';

/** Raises one OS notification. Never throws: a failure is an error value the caller can fall back on. */
export interface Notifier {
  notify(notice: Notice): Promise<Result<void, string>>;
}

export type { Notice };
