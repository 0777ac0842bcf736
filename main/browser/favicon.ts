/**
 * The browser tab's stand-in for the tray icon: a small SVG disc coloured by the worst cluster state, served at
 * /favicon.svg?state=<state>. The state comes from the query string only (the icon carries no cluster data), so
 * it needs no token.
 */

const COLOURS = new Map<string, string>(
  Object.entries({
    healthy: '#2e9d5b',
    degraded: '#d48a00',
    stale: '#8a8f98',
    critical: '#d23b3b',
    unreachable: '#d23b3b',
    forbidden: '#d23b3b',
    'tls-error': '#d23b3b',
    paused: '#8a8f98',
    unknown: '#8a8f98',
  }),
);
const NEUTRAL = '#8a8f98';

/** The SVG for a state (unknown states, `__proto__` included, get the neutral grey). Pure. */
export function faviconSvg(state: string | null): string {
  const fill = (state === null ? undefined : COLOURS.get(state)) ?? NEUTRAL;
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
    `<circle cx="16" cy="16" r="13" fill="${fill}" stroke="#1b1f24" stroke-width="2"/></svg>`
  );
}
