/** Public surface of the history module. */
export { createHistory, DEFAULT_MAX_AGE_MS, DEFAULT_MAX_BYTES } from './history.js';
export type { History, HistoryOptions, HistoryPage, HistoryQuery } from './history.js';
export { formatTimeline, TIMELINE_TITLE } from './markdown.js';
export { redact, REDACTED } from './redact.js';
