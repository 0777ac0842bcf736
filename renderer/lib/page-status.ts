/**
 * The window's own "tray": the page title and favicon carry the worst cluster state and the counts, so a
 * browser tab (browser mode, where there is no tray icon) still says at a glance whether anything is wrong.
 * The ranking rule is the tray's own (common/state-rank.ts); icons, glyphs and colours come from the one state
 * table (common/state-table.ts, drawn by common/state-icon.ts). Pure apart from
 * applyPageStatus(), which writes a Document.
 */
import type { WireClusterView as ClusterView } from '../../common/domain.js';
import { iconSvg } from '../../common/state-icon.js';
import { nodeProblems, stateSummary, summaryIcon, type IconKind } from '../../common/state-rank.js';
import { ICONS } from '../../common/state-table.js';

export interface PageStatus {
  /** The document title, e.g. "✖ 1 critical · 2 healthy — Nomad Tray". */
  title: string;
  icon: IconKind;
  /** `data:image/svg+xml,…` URL of the icon (CSP allows img-src data:). */
  href: string;
}

/** The icon as a data: URL for `<link rel="icon">`. */
export function iconHref(icon: IconKind): string {
  return `data:image/svg+xml,${encodeURIComponent(iconSvg(icon))}`;
}

/** `icon` with its glyph and `words` in the title. */
function statusOf(icon: IconKind, words: string): PageStatus {
  return { title: `${ICONS[icon].glyph} ${words} — Nomad Tray`, icon, href: iconHref(icon) };
}

/**
 * Title and favicon for the current clusters. The worst effective state picks the icon; the title lists the
 * count per state, worst first, then each cluster's client node problems ("▲ 1 degraded · 2 healthy · prod — 2
 * nodes down — Nomad Tray"). No cluster shows the unreachable icon (nothing is watched, so never green).
 */
export function pageStatus(views: readonly ClusterView[]): PageStatus {
  const icon = summaryIcon(views, false);
  const nodeLines = views.flatMap((v) => {
    const problems = nodeProblems(v);
    return problems === null ? [] : [`${v.name} — ${problems}`];
  });
  const summary = views.length === 0 ? 'no clusters' : [...stateSummary(views), ...nodeLines].join(' · ');
  return statusOf(icon, summary);
}

/** Writes the status into the page: the title, and one `<link rel="icon">` (created on first use). */
export function applyPageStatus(doc: Document, status: PageStatus): void {
  if (doc.title !== status.title) doc.title = status.title;
  let link = doc.head.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = doc.createElement('link');
    link.rel = 'icon';
    link.type = 'image/svg+xml';
    doc.head.append(link);
  }
  if (link.getAttribute('href') !== status.href) link.setAttribute('href', status.href);
}

/**
 * Title and favicon while the window is blind: the grey icon and words that say why, never a cluster count
 * it cannot vouch for. `locked-out`: the app runs again, but with a new access link.
 */
export function blindPageStatus(reason: 'lost' | 'locked-out'): PageStatus {
  return statusOf(
    'unreachable',
    reason === 'lost' ? 'monitor not running / connection lost' : 'restarted: open the new link',
  );
}
