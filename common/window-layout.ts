/**
 * The window's two layouts: the full window, and the compact "glance" the tray opens (a pop-over of about
 * 360×480: the worst state, each cluster's one line and its problems, a way to the full window). The page
 * picks it from its URL's query (`?layout=glance`), which the desktop shell puts on the glance window's URL and
 * a browser user can type. Pure, shared by the shell (which builds the URL) and the renderer (which reads it).
 */
export type WindowLayout = 'full' | 'glance';

const PARAM = 'layout';

/** The layout a page URL's query asks for; anything but `layout=glance` is the full window. */
export function layoutFromSearch(search: string): WindowLayout {
  return new URLSearchParams(search).get(PARAM) === 'glance' ? 'glance' : 'full';
}

/** `url` with the layout set (the fragment, e.g. browser mode's token, is kept). */
export function withLayout(url: string, layout: WindowLayout): string {
  const u = new URL(url);
  if (layout === 'glance') u.searchParams.set(PARAM, 'glance');
  else u.searchParams.delete(PARAM);
  return u.toString();
}

/** The glance window's size: a tray pop-over. */
export const GLANCE_SIZE = { width: 360, height: 480 } as const;
