/**
 * The desktop notifier: Electron's Notification and node-notifier composed by chooseNotifier (Electron on
 * macOS/Windows, node-notifier first on Linux), each with its per-severity icon, plus an optional recorder that
 * sees every notice first (the e2e hook). Its shape is the core's Notifier port.
 */
import path from 'node:path';
import type { Severity } from '../../../common/domain.js';
import type { Notice, Notifier } from '../../core/notify/index.js';
import { createNodeNotifier, createNotifySendNotifier } from '../../core/notify/index.js';
import { chooseNotifier, createElectronNotifier, type NotificationClassLike } from '../notifier-electron.js';

export interface DesktopNotifierDeps {
  platform: NodeJS.Platform;
  Notification: NotificationClassLike;
  /** Directory with info.png, warning.png, critical.png (outside the asar). */
  iconDir: string;
  onClick(notice: Pick<Notice, 'clusterId' | 'member' | 'node'>): void;
  log(message: string): void;
  record?(notice: Notice): void;
}

export function buildNotifier(deps: DesktopNotifierDeps): Notifier {
  const iconFor = (severity: Severity): string => path.join(deps.iconDir, `${severity}.png`);
  // node-notifier with the notice's severity icon (a plain object over the shared node-notifier module).
  const perSeverity: Notifier = {
    notify: (notice) =>
      createNodeNotifier({ iconPath: iconFor(notice.severity), platform: deps.platform }).notify(notice),
  };
  // On Linux notify-send with ids first (a resolution replaces the sticky notice), node-notifier behind it.
  const nodeNotifier =
    deps.platform === 'linux' ? createNotifySendNotifier({ fallback: perSeverity, iconFor }) : perSeverity;
  const electronNotifier = createElectronNotifier({
    Notification: deps.Notification,
    iconFor,
    onClick: deps.onClick,
    onError: deps.log,
    platform: deps.platform,
  });
  const chosen = chooseNotifier({ platform: deps.platform, nodeNotifier, electronNotifier });
  return {
    async notify(notice) {
      deps.record?.(notice);
      const shown = await chosen.notify(notice);
      if (!shown.ok) deps.log(`notification not shown: ${shown.error}`);
      return shown;
    },
  };
}
