import { describe, expect, it } from 'vitest';
import type { ClusterStateKind, ClusterView } from '../../common/domain.js';
import { quorumLine } from '../../common/quorum-text.js';
import { clusterLine, toTrayModel } from '../../main/shell/tray-model.js';
import type { MenuItemModel, TrayContext } from '../../main/shell/tray-model.js';
import { makeNodesSummary, makeSnapshot } from '../support/builders.js';

function view(id: string, state: ClusterStateKind, over: Partial<ClusterView> = {}): ClusterView {
  return {
    id,
    name: id,
    enabled: true,
    state,
    reasons: [],
    quorum: {},
    lastPoll: null,
    lastGoodPoll: null,
    failingSince: null,
    paused: false,
    snoozed: null,
    pollIntervalMs: 10_000,
    snapshot: null,
    timeline: [],
    ...over,
  };
}
const ctx: TrayContext = { paused: false, snoozedAll: false, startAtLogin: false, platform: 'linux' };
const labels = (menu: MenuItemModel[]): string[] =>
  menu.map((m) => (m.type === 'separator' ? '---' : m.label));

describe('toTrayModel: one cluster per state → icon', () => {
  it.each<[ClusterStateKind, string, string]>([
    ['critical', 'critical', 'critical'],
    ['unreachable', 'unreachable', 'unreachable'],
    ['tls-error', 'unreachable', 'TLS error'],
    ['forbidden', 'unreachable', 'access denied'],
    ['degraded', 'degraded', 'degraded'],
    ['stale', 'unreachable', 'stale'],
    ['unknown', 'unreachable', 'unknown'],
    ['paused', 'paused', 'paused'],
    ['healthy', 'healthy', 'healthy'],
  ])('%s → %s icon, tooltip "%s"', (state, icon, label) => {
    const model = toTrayModel([view('prod', state)], ctx);
    expect(model.icon).toBe(icon);
    expect(model.tooltip).toBe(`Nomad Tray: 1 ${label}\nprod: ${label}`);
    expect(model.menu.find((m) => m.id === 'cluster:prod')).toEqual({
      id: 'cluster:prod',
      label: `prod — ${label}`,
      enabled: false,
      type: 'normal',
    });
  });
});

describe('toTrayModel: worst state wins', () => {
  it.each<[ClusterStateKind[], string]>([
    [['healthy', 'degraded', 'critical'], 'critical'],
    [['healthy', 'degraded', 'forbidden'], 'unreachable'],
    [['healthy', 'stale'], 'unreachable'],
    [['healthy', 'degraded', 'stale'], 'degraded'],
    [['healthy', 'paused'], 'paused'],
    [['paused', 'paused'], 'paused'],
    [['unknown', 'paused'], 'unreachable'],
  ])('%j → %s', (states, icon) => {
    expect(
      toTrayModel(
        states.map((s, i) => view(`c${i}`, s)),
        ctx,
      ).icon,
    ).toBe(icon);
  });

  it('never shows green while blind: no clusters → unreachable icon and a plain explanation', () => {
    const model = toTrayModel([], ctx);
    expect(model.icon).toBe('unreachable');
    expect(model.tooltip).toBe('Nomad Tray\nNo clusters configured');
    expect(model.menu.find((m) => m.id === 'refresh')?.enabled).toBe(false);
  });

  it('a disabled cluster counts as paused, whatever it last saw', () => {
    const model = toTrayModel([view('old', 'critical', { enabled: false }), view('prod', 'healthy')], ctx);
    expect(model.icon).toBe('paused');
    expect(model.tooltip).toBe('Nomad Tray: 1 paused, 1 healthy\nold: paused\nprod: healthy');
  });

  it('a user pause shows the paused icon and says so', () => {
    const model = toTrayModel([view('prod', 'critical')], { ...ctx, paused: true });
    expect(model.icon).toBe('paused');
    expect(model.tooltip.split('\n')[0]).toBe('Nomad Tray — monitoring paused: 1 critical');
  });
});

describe('toTrayModel: menu', () => {
  const views = [
    view('prod', 'degraded', { quorum: { global: { alive: 2, expected: 3, canLose: 0 } } }),
    view('dev', 'healthy', { quorum: { global: { alive: 1, expected: 1, canLose: 0 } } }),
  ];

  it('puts "Open Nomad Tray" first, then one line per cluster with state and quorum', () => {
    expect(labels(toTrayModel(views, ctx).menu)).toEqual([
      'Open Nomad Tray',
      '---',
      'prod — degraded · 2/3 servers · can lose 0',
      'dev — healthy · 1/1 servers · can lose 0',
      '---',
      'Refresh now',
      'Snooze',
      'Pause monitoring',
      '---',
      'Start at login',
      'Quit',
    ]);
  });

  it('offers the snooze durations as a submenu with action ids', () => {
    const snooze = toTrayModel(views, ctx).menu.find((m) => m.id === 'snooze');
    expect(snooze?.type).toBe('submenu');
    expect(snooze?.submenu?.map((m) => [m.id, m.label])).toEqual([
      ['snooze:15m', '15 minutes'],
      ['snooze:1h', '1 hour'],
      ['snooze:tomorrow', 'Until tomorrow'],
      ['snooze:until-recovered', 'Until recovered'],
    ]);
  });

  it('when snoozed and paused: "Resume notifications" and "Resume monitoring", refresh disabled', () => {
    const model = toTrayModel(views, { ...ctx, snoozedAll: true, paused: true });
    const ids = model.menu.map((m) => m.id);
    expect(ids).toContain('resume-notifications');
    expect(ids).not.toContain('snooze');
    expect(ids).toContain('resume-monitoring');
    expect(ids).not.toContain('pause-monitoring');
    expect(model.menu.find((m) => m.id === 'refresh')?.enabled).toBe(false);
    expect(model.tooltip.endsWith('\nNotifications snoozed')).toBe(true);
  });

  it('"Start at login" is a checkbox reflecting the setting', () => {
    for (const startAtLogin of [true, false]) {
      const item = toTrayModel(views, { ...ctx, startAtLogin }).menu.find((m) => m.id === 'start-at-login');
      expect(item).toMatchObject({ type: 'checkbox', checked: startAtLogin, enabled: true });
    }
  });

  it('separator ids are unique so the adapter can key on them', () => {
    const ids = toTrayModel(views, ctx).menu.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('quorum and tooltip text', () => {
  it('prefixes regions when a cluster spans several, and says when quorum is lost', () => {
    expect(
      quorumLine([
        ['us', { alive: 3, expected: 3, canLose: 1 }],
        ['eu', { alive: 1, expected: 3, canLose: -1 }],
      ]),
    ).toBe('eu 1/3 servers · quorum lost (needs 2) · us 3/3 servers · can lose 1');
    expect(clusterLine(view('x', 'healthy'))).toBe('x — healthy');
  });

  it('counts down and disconnected client nodes in the tooltip and menu lines; members keep their wording', () => {
    const prod = view('prod', 'degraded', {
      quorum: { global: { alive: 3, expected: 3, canLose: 1 } },
      snapshot: makeSnapshot({ nodes: makeNodesSummary({ down: 2, disconnected: 1 }) }),
    });
    const dev = view('dev', 'healthy', { snapshot: makeSnapshot({ nodes: makeNodesSummary() }) });
    expect(clusterLine(prod)).toBe(
      'prod — degraded · 3/3 servers · can lose 1 · 2 nodes down, 1 node disconnected',
    );
    expect(clusterLine(dev)).toBe('dev — healthy');
    expect(toTrayModel([prod, dev], ctx).tooltip).toBe(
      'Nomad Tray: 1 degraded, 1 healthy\nprod: degraded — 2 nodes down, 1 node disconnected\ndev: healthy',
    );
  });

  it('caps the tooltip at 127 characters on Windows only', () => {
    const many = Array.from({ length: 12 }, (_, i) => view(`cluster-number-${i}`, 'healthy'));
    const win = toTrayModel(many, { ...ctx, platform: 'win32' }).tooltip;
    expect(win.length).toBe(127);
    expect(win.endsWith('…')).toBe(true);
    expect(toTrayModel(many, ctx).tooltip.length).toBeGreaterThan(127);
  });
});
