/**
 * The OS notifier backed by node-notifier (notify-send on Linux, Notification Center on macOS, toasts on
 * Windows). This is the only module that loads node-notifier. Maps a Notice to node-notifier options and turns
 * its callback into a Result; on failure calls onFailure so the desktop app can fall back to Electron's
 * Notification.
 */
import nodeNotifier from 'node-notifier';
import { err, ok, type Result } from '../../../common/result.js';
import type { Severity } from '../../../common/domain.js';
import { freedesktopBody, oneLine } from './freedesktop-text.js';
import type { Notice, Notifier } from './types.js';

/** The slice of node-notifier's API used here; inject a fake in tests. */
export interface NodeNotifierLike {
  notify(options: Record<string, unknown>, callback: (error: unknown, response?: unknown) => void): unknown;
}

export interface NodeNotifierOptions {
  notifier?: NodeNotifierLike;
  /** Absolute path of the notification icon (PNG). */
  iconPath?: string;
  appName?: string;
  platform?: NodeJS.Platform;
  /** Called with the notice and the reason whenever the OS notifier fails. */
  onFailure?: (notice: Notice, message: string) => void;
}

/** freedesktop urgency per severity (notify-send `--urgency`, Electron's Notification); critical stays until dismissed. */
export const URGENCY: Readonly<Record<Severity, 'low' | 'normal' | 'critical'>> = {
  info: 'low',
  warning: 'normal',
  critical: 'critical',
};

/** Display time in seconds per severity; critical stays until dismissed. */
export const TIMEOUT_SECONDS: Readonly<Record<Exclude<Severity, 'critical'>, number>> = {
  info: 5,
  warning: 10,
};

const MAX_TITLE = 120;
const MAX_BODY = 1000;

/**
 * The text of one notify-send argument (title or body): node-notifier passes them as positional arguments, and
 * notify-send would read one that starts with `-` as an option (`--icon=…`, `--app-name=…`).
 */
export function notifySendArg(text: string): string {
  return text.startsWith('-') ? `\u2010${text.slice(1)}` : text;
}

/**
 * Title and body for node-notifier's helper on `platform`: on Linux notify-send (freedesktop: body markup
 * escaped, no leading dash); elsewhere (terminal-notifier, SnoreToast) plain text on one line.
 */
export function notifierText(notice: Notice, platform: NodeJS.Platform): { title: string; message: string } {
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') {
    return {
      title: notifySendArg(oneLine(notice.title, MAX_TITLE)),
      message: notifySendArg(freedesktopBody(notice.body, MAX_BODY)),
    };
  }
  return { title: oneLine(notice.title, MAX_TITLE), message: oneLine(notice.body, MAX_BODY) };
}

/**
 * node-notifier options for a Notice. Critical notices never expire: on Linux `timeout: 0` (notify-send
 * `--expire-time 0`, "until dismissed"); elsewhere `timeout: false` lets the OS decide (node-notifier would
 * turn `false` into a 10 s expiry on Linux). `wait: false`: never block on the user.
 */
export function noticeToOptions(
  notice: Notice,
  o: { appName: string; iconPath?: string; platform: NodeJS.Platform },
): Record<string, unknown> {
  const timeout =
    notice.severity === 'critical' ? (o.platform === 'linux' ? 0 : false) : TIMEOUT_SECONDS[notice.severity];
  const text = notifierText(notice, o.platform);
  const options: Record<string, unknown> = {
    title: text.title,
    message: text.message || ' ',
    urgency: URGENCY[notice.severity],
    'app-name': o.appName,
    timeout,
    wait: false,
  };
  if (o.iconPath !== undefined) options['icon'] = o.iconPath;
  if (notice.severity === 'critical') options['sound'] = true;
  return options;
}

export function createNodeNotifier(options: NodeNotifierOptions = {}): Notifier {
  const notifier: NodeNotifierLike = options.notifier ?? nodeNotifier;
  const appName = options.appName ?? 'Nomad Tray';
  const platform = options.platform ?? process.platform;
  return {
    notify(notice) {
      const mapped = noticeToOptions(notice, { appName, iconPath: options.iconPath, platform });
      return new Promise<Result<void, string>>((resolve) => {
        const fail = (message: string): void => {
          options.onFailure?.(notice, message);
          resolve(err(message));
        };
        try {
          notifier.notify(mapped, (error) => {
            // Only an Error fails: on Linux node-notifier passes notify-send's stderr as the "error" of a success.
            if (error instanceof Error) fail(error.message || 'notification failed');
            else resolve(ok(undefined));
          });
        } catch (e) {
          fail(e instanceof Error ? e.message : String(e));
        }
      });
    },
  };
}
