/**
 * How notifiers are put together: the OS notifier every shell uses (on Linux notify-send with notification ids,
 * so a resolution replaces the sticky notice it resolves, falling back to node-notifier; elsewhere
 * node-notifier), and a primary-with-fallback composition.
 */
import { err } from '../../../common/result.js';
import { createNodeNotifier, type NodeNotifierOptions } from './node-notifier.js';
import { createNotifySendNotifier, type RunFile } from './notify-send.js';
import type { Notifier } from './types.js';

/** The OS notifier of the CLI and the browser shell. */
export function createOsNotifier(options: NodeNotifierOptions & { run?: RunFile } = {}): Notifier {
  const base = createNodeNotifier(options);
  const platform = options.platform ?? process.platform;
  // An injected node-notifier (tests) keeps that path.
  if (platform !== 'linux' || options.notifier !== undefined) return base;
  return createNotifySendNotifier({ ...options, fallback: base });
}

/** Tries `primary`; when it fails, `fallback`. Fails only when both do, with both reasons. */
export function composeNotifiers(primary: Notifier, fallback: Notifier): Notifier {
  return {
    async notify(notice) {
      const first = await primary.notify(notice);
      if (first.ok) return first;
      const second = await fallback.notify(notice);
      return second.ok ? second : err(`${first.error}; fallback: ${second.error}`);
    },
  };
}
