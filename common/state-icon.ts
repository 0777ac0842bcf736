/**
 * The status icons as SVG (32×32): the tray silhouettes (scripts/make-tray-icons.mjs) scaled from their unit
 * coordinates, in the colours of common/state-table.ts. One drawing for the window's favicon
 * (renderer/lib/page-status.ts) and the browser shell's /favicon.svg (main/browser/favicon.ts). Pure.
 */
import { ICONS, type IconKind } from './state-table.js';

const round = (n: number): string => String(Math.round(n * 100) / 100);

function point(angleDeg: number, r: number): string {
  const a = (angleDeg * Math.PI) / 180;
  return `${round(16 + r * Math.cos(a))} ${round(16 + r * Math.sin(a))}`;
}

/** Each icon's drawing, given its paint attributes and fill colour. */
const SHAPES: Record<IconKind, (paint: string, fill: string) => string> = {
  healthy: (paint) => `<circle cx="16" cy="16" r="13.4" ${paint}/>`,
  degraded: (paint) => `<polygon points="16,1.6 31,28.8 1,28.8" stroke-linejoin="round" ${paint}/>`,
  critical: (paint) => {
    const corners = Array.from({ length: 8 }, (_, i) => point((i + 0.5) * 45, 15.2).replace(' ', ','));
    return (
      `<polygon points="${corners.join(' ')}" ${paint}/>` +
      '<path d="M10.6 10.6L21.4 21.4M21.4 10.6L10.6 21.4" stroke="#fff" stroke-width="4.8" stroke-linecap="round"/>'
    );
  },
  // A ring (radius between 0.27 and 0.44) with a gap at the top right: "no line of sight".
  unreachable: (_paint, fill) =>
    `<path d="M${point(-11.3, 11.4)}A11.4 11.4 0 1 1 ${point(-78.7, 11.4)}" fill="none" stroke="${fill}" stroke-width="5.4"/>`,
  paused: (paint) =>
    `<rect x="5.1" y="3.2" width="7.7" height="25.6" rx="1.6" ${paint}/>` +
    `<rect x="19.2" y="3.2" width="7.7" height="25.6" rx="1.6" ${paint}/>`,
};

/** The icon's SVG: circle healthy, triangle degraded, octagon with a cross critical, gapped ring blind, bars paused. */
export function iconSvg(icon: IconKind): string {
  const { fill, rim } = ICONS[icon];
  const body = SHAPES[icon](`fill="${fill}" stroke="${rim}" stroke-width="1.2"`, fill);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${body}</svg>`;
}
