/**
 * Secrets written into settings.json by hand (a literal `httpAuth`, an inline-PEM `tls.clientKey`) are never sent
 * to the window: the settings view leaves them out, and a save from the window puts them back for the cluster
 * they belong to (same id), where the secret binding rules then check its addresses. An inline key shows as
 * INLINE_KEY_SHOWN, so the window knows a key is set (its "certificate and key, both or neither" check holds)
 * and a save that keeps that text keeps the key. A client key given as a file path is not a secret (the window
 * shows and edits the path). Pure.
 */
import type { ClusterSettings, Settings } from '../../common/settings-schema.js';

/** What the window shows in place of an inline client key. */
export const INLINE_KEY_SHOWN = '(inline key, kept in settings.json)';

/** An inline PEM private key rather than a path to one. */
const isInlineKey = (key: string | undefined): key is string =>
  key !== undefined && key.includes('-----BEGIN');

/** What of a cluster the window must not see: undefined where nothing is hidden. */
interface Hidden {
  httpAuth?: string;
  clientKey?: string;
}

function hiddenOf(c: ClusterSettings): Hidden | undefined {
  const hidden: Hidden = {};
  if (c.httpAuth !== undefined) hidden.httpAuth = c.httpAuth;
  if (isInlineKey(c.tls.clientKey)) hidden.clientKey = c.tls.clientKey;
  return hidden.httpAuth === undefined && hidden.clientKey === undefined ? undefined : hidden;
}

/** The settings as the window may see them: no literal basic auth, no inline client key. */
export function forWindow(settings: Settings): Settings {
  if (!settings.clusters.some((c) => hiddenOf(c) !== undefined)) return settings;
  return {
    ...settings,
    clusters: settings.clusters.map((c) => {
      const hidden = hiddenOf(c);
      if (hidden === undefined) return c;
      const { httpAuth: _auth, ...rest } = c;
      if (hidden.clientKey === undefined) return rest;
      return { ...rest, tls: { ...c.tls, clientKey: INLINE_KEY_SHOWN } };
    }),
  };
}

/** `next` (from the window) with each cluster's hidden secrets restored from `saved` (same id). */
export function restoreHidden(saved: Settings, next: Settings): Settings {
  const hidden = new Map(
    saved.clusters.flatMap((c) => {
      const h = hiddenOf(c);
      return h === undefined ? [] : [[c.id, h] as const];
    }),
  );
  if (hidden.size === 0) return next;
  return {
    ...next,
    clusters: next.clusters.map((c) => {
      const h = hidden.get(c.id);
      if (h === undefined) return c;
      let out = c;
      if (h.httpAuth !== undefined && c.httpAuth === undefined && c.httpAuthRef === undefined)
        out = { ...out, httpAuth: h.httpAuth };
      // Restored only where the window kept the text it was shown; a path typed over it replaces the key.
      if (h.clientKey !== undefined && c.tls.clientKey === INLINE_KEY_SHOWN)
        out = { ...out, tls: { ...out.tls, clientKey: h.clientKey } };
      return out;
    }),
  };
}
