/**
 * The one rule for links that leave the app for the OS browser, read by the IPC contract (`app:openExternal`)
 * and by the Electron shell (a page's `window.open` or navigation away): https only, with a host, no embedded
 * credentials, and not longer than a link a user clicked.
 */

/** Longest URL we hand to the OS browser; anything longer is not a link a user clicked. */
export const MAX_EXTERNAL_URL = 2048;

/** Links the app may hand to the OS browser. */
export function isAllowedExternalUrl(url: string): boolean {
  if (url.length > MAX_EXTERNAL_URL) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
