import { describe, expect, it } from 'vitest';
import type { ClusterStateKind } from '../../common/domain.js';
import type { IconKind } from '../../common/state-rank.js';
import { iconSvg } from '../../common/state-icon.js';
import { iconHref, pageStatus } from '../../renderer/lib/page-status.js';
import { makeClusterView } from './fixtures.js';
import { makeNodesSummary } from '../support/builders.js';

const view = (id: string, state: ClusterStateKind, extra: { enabled?: boolean; paused?: boolean } = {}) =>
  makeClusterView({ id, name: id, state, ...extra });

describe('pageStatus (title and favicon of the window)', () => {
  it('shows the worst state and the counts per state, worst first', () => {
    const status = pageStatus([view('prod', 'critical'), view('staging', 'healthy'), view('dev', 'healthy')]);
    expect(status.icon).toBe('critical');
    expect(status.title).toBe('✖ 1 critical · 2 healthy — Nomad Tray');
  });

  it('counts each cluster\'s down and disconnected client nodes after the states ("prod — 2 nodes down")', () => {
    const withNodes = (
      id: string,
      state: ClusterStateKind,
      nodes: Parameters<typeof makeNodesSummary>[0],
    ) => {
      const v = view(id, state);
      return { ...v, snapshot: v.snapshot && { ...v.snapshot, nodes: makeNodesSummary(nodes) } };
    };
    expect(
      pageStatus([withNodes('prod', 'degraded', { down: 2 }), withNodes('dev', 'healthy', {})]).title,
    ).toBe('▲ 1 degraded · 1 healthy · prod — 2 nodes down — Nomad Tray');
    expect(pageStatus([withNodes('__proto__', 'degraded', { down: 1, disconnected: 3 })]).title).toBe(
      '▲ 1 degraded · __proto__ — 1 node down, 3 nodes disconnected — Nomad Tray',
    );
    // Not vouched for: a blind watcher (its reason says so), a paused cluster, a blind cluster state.
    const blind = withNodes('prod', 'degraded', {
      down: 2,
      error: { kind: 'forbidden', message: 'no node:read' },
    });
    expect(pageStatus([blind]).title).toBe('▲ 1 degraded — Nomad Tray');
    expect(pageStatus([{ ...withNodes('p', 'degraded', { down: 2 }), paused: true }]).title).toBe(
      '❚❚ 1 paused — Nomad Tray',
    );
    expect(pageStatus([withNodes('u', 'unreachable', { down: 2 })]).title).toBe(
      '◌ 1 unreachable — Nomad Tray',
    );
  });

  it('treats blind states (TLS error, 403, stale) as unreachable, never green', () => {
    const status = pageStatus([view('a', 'healthy'), view('b', 'tls-error'), view('c', 'forbidden')]);
    expect(status.icon).toBe('unreachable');
    expect(status.title).toBe('◌ 1 TLS error · 1 access denied · 1 healthy — Nomad Tray');
    expect(pageStatus([view('a', 'stale'), view('b', 'degraded')]).icon).toBe('degraded');
  });

  it('counts a disabled or paused cluster as paused (which outranks healthy, as in the tray)', () => {
    const status = pageStatus([
      view('a', 'critical', { enabled: false }),
      view('b', 'critical', { paused: true }),
      view('c', 'healthy'),
    ]);
    expect(status.icon).toBe('paused');
    expect(status.title).toBe('❚❚ 2 paused · 1 healthy — Nomad Tray');
    expect(pageStatus([view('a', 'degraded', { paused: true }), view('b', 'degraded')]).icon).toBe(
      'degraded',
    );
  });

  it('never shows green with no cluster', () => {
    expect(pageStatus([])).toMatchObject({ icon: 'unreachable', title: '◌ no clusters — Nomad Tray' });
  });

  it('hands out the icon as an SVG data: URL', () => {
    const { href, icon } = pageStatus([view('a', 'degraded')]);
    expect(href.startsWith('data:image/svg+xml,')).toBe(true);
    expect(decodeURIComponent(href.slice('data:image/svg+xml,'.length))).toBe(iconSvg(icon));
  });
});

describe('iconSvg (same shapes as the tray icons)', () => {
  const icons: IconKind[] = ['healthy', 'degraded', 'critical', 'unreachable', 'paused'];

  it('draws a distinct shape per state, not only a colour', () => {
    const svg = Object.fromEntries(icons.map((i) => [i, iconSvg(i)])) as Record<IconKind, string>;
    expect(svg.healthy).toMatch(/<circle [^>]*r="13.4"/);
    const triangle = /<polygon points="([^"]+)"/.exec(svg.degraded)?.[1];
    expect(triangle?.split(' ')).toHaveLength(3);
    const octagon = /<polygon points="([^"]+)"/.exec(svg.critical)?.[1];
    expect(octagon?.split(' ')).toHaveLength(8);
    expect(svg.critical).toContain('stroke="#fff"'); // the white cross
    expect(svg.unreachable).toMatch(/<path d="M[\d. ]+A11.4 11.4 0 1 1 [\d. ]+" fill="none"/); // an open ring
    expect(svg.paused.match(/<rect /g)).toHaveLength(2);
  });

  it('uses the tray colours, one per state', () => {
    const fills = icons.map((i) => /(?:fill|stroke)="(#[0-9a-f]{6})"/.exec(iconSvg(i))?.[1]);
    expect(fills).toEqual(['#009e73', '#e69f00', '#d53a00', '#8c8c8c', '#5b7898']);
  });

  it('produces well-formed, self-contained SVG (no external reference, balanced tags)', () => {
    for (const icon of icons) {
      const svg = iconSvg(icon);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">')).toBe(true);
      expect(svg.endsWith('</svg>')).toBe(true);
      expect(svg).not.toMatch(/href=|url\(/);
      expect(svg).not.toContain('NaN');
      expect(iconHref(icon)).not.toMatch(/[<>"# ]/); // safe inside an attribute and a data: URL
    }
  });
});
