/**
 * The OS notifier every shell uses: on Linux notify-send with notification ids (so a resolution replaces the
 * sticky notice it resolves), falling back to node-notifier; elsewhere node-notifier.
 */
import { createNodeNotifier } from './node-notifier.js';
import type { NodeNotifierOptions } from './node-notifier.js';
import { createNotifySendNotifier } from './notify-send.js';
import type { RunFile } from './notify-send.js';
import type { Notifier } from './types.js';

export function createOsNotifier(options: NodeNotifierOptions & { run?: RunFile } = {}): Notifier {
  const base = createNodeNotifier(options);
  const platform = options.platform ?? process.platform;
  // An injected node-notifier (tests) keeps that path.
  if (platform !== 'linux' || options.notifier !== undefined) return base;
  return createNotifySendNotifier({
    fallback: base,
    appName: options.appName,
    iconPath: options.iconPath,
    run: options.run,
  });
}
