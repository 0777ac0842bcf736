/**
 * The window's own "tray": the page title and favicon carry the worst cluster state and the counts, so a
 * browser tab (browser mode, where there is no tray icon) still says at a glance whether anything is wrong.
 * The ranking rule is the tray's own (common/state-rank.ts); the icon shapes mirror the tray icons
 * (scripts/make-tray-icons.mjs): circle healthy, triangle degraded, octagon with a cross critical, gapped ring
 * unreachable/blind, two bars paused, in the same colour-blind-safe colours. Pure apart from
 * applyPageStatus(), which writes a Document.
 */
import type { ClusterView } from '../../common/domain.js';
import { stateSummary, summaryIcon, type IconKind } from '../../common/state-rank.js';

/** The five tray icons. */
export type PageIcon = IconKind;

export interface PageStatus {
  /** The document title, e.g. "✖ 1 critical · 2 healthy — Nomad Tray". */
  title: string;
  icon: PageIcon;
  /** `data:image/svg+xml,…` URL of the icon (CSP allows img-src data:). */
  href: string;
}

const APP = 'Nomad Tray';

/** A text glyph per icon, so the title alone (a screen reader, a tab list) carries the state too. */
const GLYPH: Record<PageIcon, string> = {
  healthy: '●',
  degraded: '▲',
  critical: '✖',
  unreachable: '◌',
  paused: '❚❚',
};

/** Okabe–Ito derived colours of the tray icons, and a darker rim for contrast on light and dark tabs. */
const COLOR: Record<PageIcon, { fill: string; rim: string }> = {
  healthy: { fill: '#009e73', rim: '#00674b' },
  degraded: { fill: '#e69f00', rim: '#966700' },
  critical: { fill: '#d53a00', rim: '#8a2600' },
  unreachable: { fill: '#8c8c8c', rim: '#5b5b5b' },
  paused: { fill: '#5b7898', rim: '#3b4e63' },
};

const round = (n: number): string => String(Math.round(n * 100) / 100);

function point(angleDeg: number, r: number): string {
  const a = (angleDeg * Math.PI) / 180;
  return `${round(16 + r * Math.cos(a))} ${round(16 + r * Math.sin(a))}`;
}

/** The icon's SVG (32×32): the tray silhouettes scaled from their unit coordinates. */
export function iconSvg(icon: PageIcon): string {
  const { fill, rim } = COLOR[icon];
  const paint = `fill="${fill}" stroke="${rim}" stroke-width="1.2"`;
  let body: string;
  switch (icon) {
    case 'healthy':
      body = `<circle cx="16" cy="16" r="13.4" ${paint}/>`;
      break;
    case 'degraded':
      body = `<polygon points="16,1.6 31,28.8 1,28.8" stroke-linejoin="round" ${paint}/>`;
      break;
    case 'critical': {
      const corners = Array.from({ length: 8 }, (_, i) => point((i + 0.5) * 45, 15.2).replace(' ', ','));
      body =
        `<polygon points="${corners.join(' ')}" ${paint}/>` +
        '<path d="M10.6 10.6L21.4 21.4M21.4 10.6L10.6 21.4" stroke="#fff" stroke-width="4.8" stroke-linecap="round"/>';
      break;
    }
    case 'unreachable':
      // A ring (radius between 0.27 and 0.44) with a gap at the top right: "no line of sight".
      body = `<path d="M${point(-11.3, 11.4)}A11.4 11.4 0 1 1 ${point(-78.7, 11.4)}" fill="none" stroke="${fill}" stroke-width="5.4"/>`;
      break;
    case 'paused':
      body =
        `<rect x="5.1" y="3.2" width="7.7" height="25.6" rx="1.6" ${paint}/>` +
        `<rect x="19.2" y="3.2" width="7.7" height="25.6" rx="1.6" ${paint}/>`;
      break;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${body}</svg>`;
}

/** The icon as a data: URL for `<link rel="icon">`. */
export function iconHref(icon: PageIcon): string {
  return `data:image/svg+xml,${encodeURIComponent(iconSvg(icon))}`;
}

/**
 * Title and favicon for the current clusters. The worst effective state picks the icon; the title lists the
 * count per state, worst first ("✖ 1 critical · 2 healthy — Nomad Tray"). No cluster shows the unreachable
 * icon (nothing is watched, so never green); `paused` (monitoring paused by the user) shows the paused one.
 */
export function pageStatus(views: readonly ClusterView[], paused = false): PageStatus {
  const icon = summaryIcon(views, paused);
  const summary = views.length === 0 ? 'no clusters' : stateSummary(views).join(' · ');
  const head = paused ? `${GLYPH.paused} monitoring paused · ` : `${GLYPH[icon]} `;
  return { title: `${head}${summary} — ${APP}`, icon, href: iconHref(icon) };
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
  const words = reason === 'lost' ? 'monitor not running / connection lost' : 'restarted: open the new link';
  return {
    title: `${GLYPH.unreachable} ${words} — ${APP}`,
    icon: 'unreachable',
    href: iconHref('unreachable'),
  };
}
