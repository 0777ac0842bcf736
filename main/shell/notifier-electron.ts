/**
 * OS notifications through Electron's main-process `Notification`, and the choice between it and node-notifier
 * (Electron's Notification docs; node-notifier's README, "Within Electron Packaging"): Electron is primary on
 * macOS/Windows (node-notifier's vendored helpers are fragile there); on Linux node-notifier (notify-send) is
 * primary with Electron as the fallback. Only mechanics here: whether to notify at all is the alert policy's
 * decision.
 */
import type { Severity } from '../../common/domain.js';
import { err, ok } from '../../common/result.js';
import { composeNotifiers, freedesktopBody, oneLine, URGENCY } from '../core/notify/index.js';
import type { Notice, Notifier } from '../core/notify/index.js';

/** Constructor options we pass (a subset of Electron's NotificationConstructorOptions). */
export interface NotificationOptionsLike {
  title: string;
  body: string;
  icon?: string;
  urgency: 'low' | 'normal' | 'critical';
  timeoutType: 'default' | 'never';
}

/** An Electron Notification instance, as far as we use it. */
export interface NotificationLike {
  show(): void;
  /** Removes the notification from the screen (and the notification centre). */
  close(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
}

/** Electron's Notification class (constructor + static isSupported). */
export interface NotificationClassLike {
  new (options: NotificationOptionsLike): NotificationLike;
  isSupported(): boolean;
}

export interface ElectronNotifierDeps {
  Notification: NotificationClassLike;
  /** Icon file per severity (an unpacked path, e.g. <resources>/notify/critical.png), or undefined for none. */
  iconFor?: (severity: Severity) => string | undefined;
  /** A click: the notice's cluster, and the member or client node it is about. */
  onClick: (notice: Pick<Notice, 'clusterId' | 'member' | 'node'>) => void;
  /** Errors Electron reports after show() (Windows toast failures). */
  onError?: (message: string) => void;
  /** Decides the text rules (Linux: libnotify, body markup). Default: this process's platform. */
  platform?: NodeJS.Platform;
}

const MAX_TITLE = 120;
const MAX_BODY = 1000;

/**
 * A Notifier over Electron's Notification. Live notifications are referenced until closed or clicked:
 * otherwise they can be garbage-collected and their click handler silently lost. A notice that resolves
 * earlier ones (`resolves`: their tags) closes them, so a sticky critical notification never outlives its
 * problem; a newer notice with the same tag (an escalation) replaces the older one.
 */
export function createElectronNotifier(deps: ElectronNotifierDeps): Notifier {
  const live = new Set<NotificationLike>();
  const byTag = new Map<string, NotificationLike>();
  const closeTag = (tag: string): void => {
    const old = byTag.get(tag);
    byTag.delete(tag);
    if (old === undefined) return;
    live.delete(old);
    try {
      old.close();
    } catch {
      // Already gone (dismissed by the user): nothing to close.
    }
  };
  return {
    async notify(n: Notice) {
      for (const tag of n.resolves ?? []) closeTag(tag);
      if (n.tag !== undefined) closeTag(n.tag);
      if (!deps.Notification.isSupported()) return err('notifications are not supported on this system');
      const icon = deps.iconFor?.(n.severity);
      // On Linux it goes through libnotify, so the body is freedesktop markup and is escaped; macOS and Windows
      // take plain text. Always one line each.
      const platform = deps.platform ?? process.platform;
      const linux = platform !== 'darwin' && platform !== 'win32';
      const options: NotificationOptionsLike = {
        title: oneLine(n.title, MAX_TITLE),
        body: linux ? freedesktopBody(n.body, MAX_BODY) : oneLine(n.body, MAX_BODY),
        urgency: URGENCY[n.severity],
        timeoutType: n.severity === 'critical' ? 'never' : 'default',
        ...(icon === undefined ? {} : { icon }),
      };
      try {
        const note = new deps.Notification(options);
        live.add(note);
        const tag = n.tag;
        if (tag !== undefined) byTag.set(tag, note);
        const forget = (): void => {
          if (tag !== undefined && byTag.get(tag) === note) byTag.delete(tag);
        };
        note.on('click', () => {
          live.delete(note);
          deps.onClick(n);
        });
        note.on('close', () => {
          live.delete(note);
          forget();
        });
        note.on('failed', (_event, error) => {
          live.delete(note);
          deps.onError?.(`notification failed: ${error}`);
        });
        note.show();
      } catch (e) {
        return err(`could not show the notification: ${e instanceof Error ? e.message : String(e)}`);
      }
      return ok(undefined);
    },
  };
}

export interface ChooseNotifierInput {
  platform: NodeJS.Platform;
  nodeNotifier: Notifier;
  electronNotifier: Notifier;
}

/**
 * The app's notifier: on macOS/Windows Electron only (node-notifier's terminal-notifier/SnoreToast helpers break
 * inside a signed, asar-packed app); elsewhere node-notifier first (notify-send, testable end to end) with
 * Electron as the fallback when it reports a failure (notify-send missing, no session bus).
 */
export function chooseNotifier(input: ChooseNotifierInput): Notifier {
  return input.platform === 'darwin' || input.platform === 'win32'
    ? input.electronNotifier
    : composeNotifiers(input.nodeNotifier, input.electronNotifier);
}
