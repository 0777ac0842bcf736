/**
 * The browser tab's stand-in for the tray icon, served at /favicon.svg?state=<state> before the page sets its
 * own: the state's tray icon (common/state-table.ts, drawn by common/state-icon.ts). The state comes from the
 * query string only (the icon carries no cluster data), so it needs no token; anything that is not a state
 * name gets the unknown state's icon (grey: never green while nothing is known).
 */
import { ClusterStateKindSchema } from '../../common/domain.js';
import { iconSvg } from '../../common/state-icon.js';
import { STATES } from '../../common/state-table.js';

/** The SVG for a state name from a URL. Pure. */
export function faviconSvg(state: string | null): string {
  const parsed = ClusterStateKindSchema.safeParse(state);
  return iconSvg(STATES[parsed.success ? parsed.data : 'unknown'].icon);
}
