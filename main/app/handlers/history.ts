/** history:list and history:exportMarkdown: the event history (history.jsonl) for the timeline view. */
import { err, ok } from '../../../common/result.js';
import type { HandlerSet } from './types.js';

export const historyHandlers: HandlerSet<'history:list' | 'history:exportMarkdown'> = {
  'history:list': async ({ history }, { clusterId, limit }) => {
    const page = await history.list({ clusterId, limit: limit ?? 500 });
    return page.ok ? ok(page.value.events) : err({ kind: 'internal', message: page.error });
  },

  'history:exportMarkdown': async ({ history }, { clusterId }) => {
    const text = await history.exportMarkdown({ clusterId });
    return text.ok ? ok(text.value) : err({ kind: 'internal', message: text.error });
  },
};
