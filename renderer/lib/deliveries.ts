/**
 * Which of the window's deliveries a decided notice gets: the table every page delivery reads. One decision
 * (the core's alert policy), several deliveries; exactly one of them is loud:
 *   - the OS notification showed it (desktop app, or browser mode on a machine with a display): the window's
 *     alert strip lists it quietly; no browser notification, no sound (no double alert on that desktop);
 *   - no OS notification (browser mode without a display: a remote box, WSL) or it failed: the page is the
 *     delivery: the strip marks it new, a browser notification when allowed (browser mode), a sound when on.
 * The test notification follows the same rows, so "Send test notification" shows what a real alert would do.
 */
import type { DecidedNotice, FocusTarget } from '../../common/ipc-contract.js';

/** Where the page runs and what the person allowed. */
export interface PagePrefs {
  mode: 'electron' | 'browser';
  /** Notification.permission, or 'unsupported' where the API is missing. */
  permission: NotificationPermission | 'unsupported';
  sound: boolean;
}

export interface PageDelivery {
  /** The strip always lists it; `loud` marks it as needing attention (and is announced assertively). */
  strip: 'loud' | 'quiet';
  browserNotification: boolean;
  sound: boolean;
}

export function pageDelivery(notice: Pick<DecidedNotice, 'os'>, prefs: PagePrefs): PageDelivery {
  const loud = notice.os !== 'shown';
  return {
    strip: loud ? 'loud' : 'quiet',
    // Electron denies the web Notification permission: its OS notification is the desktop's one delivery.
    browserNotification: loud && prefs.mode === 'browser' && prefs.permission === 'granted',
    sound: loud && prefs.sound,
  };
}

/**
 * What a click on a decided notice shows (its browser notification or its line in the alert strip): its cluster,
 * and the member or client node it is about; null for a notice about no cluster ("Network unavailable").
 */
export function noticeTarget(notice: DecidedNotice): FocusTarget | null {
  const { clusterId, member, node } = notice;
  return clusterId === null ? null : { clusterId, member, node };
}
