/**
 * Browser mode: the server prints a URL with `#token=…`. On first open the token moves from the fragment to
 * sessionStorage and the fragment is removed from the address bar (and history), so it is not bookmarked or
 * shown on screen. The fragment never reaches the server in a request.
 */

const STORAGE_KEY = 'nomadTray.token';

export interface TokenSources {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState'>;
}

/** Returns the session's bearer token (null when none), moving a `#token=` fragment into storage first. */
export function takeSessionToken({ location, sessionStorage, history }: TokenSources): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token');
  if (fromUrl && fromUrl.length <= 4096) {
    sessionStorage.setItem(STORAGE_KEY, fromUrl);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  }
  return sessionStorage.getItem(STORAGE_KEY);
}

/**
 * A new link opened in this same tab (the app was restarted and printed a new one) changes only the
 * fragment, which does not reload the page: take the new token and reload, so every request uses it.
 */
export function followNewLinks(win: Window): void {
  win.addEventListener('hashchange', () => {
    if (!new URLSearchParams(win.location.hash.replace(/^#/, '')).get('token')) return;
    takeSessionToken(win);
    win.location.reload();
  });
}
