/**
 * Secrets written into settings.json by hand (a literal `httpAuth`) are never sent to the window: the
 * settings view leaves them out, and a save from the window puts them back for the cluster they belong to
 * (same id), where the secret binding rules then check its addresses. Pure.
 */
import type { Settings } from '../../common/settings-schema.js';

/** The settings as the window may see them: no literal basic auth. */
export function forWindow(settings: Settings): Settings {
  if (!settings.clusters.some((c) => c.httpAuth !== undefined)) return settings;
  return {
    ...settings,
    clusters: settings.clusters.map((c) => {
      if (c.httpAuth === undefined) return c;
      const { httpAuth: _hidden, ...rest } = c;
      return rest;
    }),
  };
}

/** `next` (from the window) with each cluster's hidden basic auth restored from `saved` (same id). */
export function restoreHidden(saved: Settings, next: Settings): Settings {
  const hidden = new Map(
    saved.clusters.flatMap((c) => (c.httpAuth === undefined ? [] : [[c.id, c.httpAuth]])),
  );
  if (hidden.size === 0) return next;
  return {
    ...next,
    clusters: next.clusters.map((c) => {
      const auth = hidden.get(c.id);
      return auth === undefined || c.httpAuth !== undefined || c.httpAuthRef !== undefined
        ? c
        : { ...c, httpAuth: auth };
    }),
  };
}
