/** app:ready, app:openExternal, app:openWindow, notifications:test: how the app runs and what it may do for the window. */
import { err, ok } from '../../../common/result.js';
import { internalError } from '../errors.js';
import type { HandlerSet } from './types.js';

export const appHandlers: HandlerSet<
  'app:ready' | 'app:openExternal' | 'app:openWindow' | 'notifications:test'
> = {
  'app:ready': async ({ deps }) =>
    ok({
      mode: deps.mode,
      version: deps.version.slice(0, 64),
      secretStorage: deps.secrets.storage(),
      platform: deps.platform.slice(0, 32),
      osNotifications: deps.notifier !== null,
    }),

  'app:openExternal': async ({ deps }, { url }) => {
    if (!deps.openExternal) {
      return err({ kind: 'unsupported', message: 'Opening links is not available in this mode.' });
    }
    const opened = await deps.openExternal(url);
    return opened.ok ? ok(null) : err(internalError('Opening the link', opened.error));
  },

  'app:openWindow': async ({ deps }, { clusterId }) => {
    if (!deps.openWindow)
      return err({ kind: 'unsupported', message: 'There is no other window to open in this mode.' });
    deps.openWindow(clusterId ?? null);
    return ok(null);
  },

  'notifications:test': async ({ deliveries }) => ok(await deliveries.test()),
};
