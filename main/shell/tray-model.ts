/**
 * The tray as data: which icon, what tooltip, which menu. Pure, so every state's look is unit-tested; the
 * adapter (adapters/tray.ts) only hands this to Electron. The menu is rebuilt from state on every change
 * because Linux hosts ignore mutations of an already-set menu (Electron Tray docs, Platform Considerations:
 * on Linux, call setContextMenu again for MenuItem changes to take effect).
 */
import type { ClusterView } from '../../common/domain.js';
import type { SnoozeDuration } from '../../common/ipc-contract.js';
import type { TrayState } from '../app/index.js';
import { quorumLine } from '../../common/quorum-text.js';
import {
  effectiveState,
  nodeProblems,
  stateSummary,
  summaryIcon,
  type IconKind,
} from '../../common/state-rank.js';
import { STATES } from '../../common/state-table.js';

/** The snooze submenu: each duration and its label (tray-actions.ts runs `snooze:<duration>`). */
type TimedSnooze = NonNullable<SnoozeDuration>;
export const SNOOZE_CHOICES: ReadonlyArray<[TimedSnooze, string]> = [
  ['15m', '15 minutes'],
  ['1h', '1 hour'],
  ['tomorrow', 'Until tomorrow'],
  ['until-recovered', 'Until recovered'],
];

/** Menu ids the adapter maps to callbacks. Cluster lines are `cluster:<id>` (disabled, never clicked). */
export type TrayActionId =
  | 'open'
  | 'refresh'
  | 'snooze'
  | `snooze:${TimedSnooze}`
  | 'resume-notifications'
  | 'pause-monitoring'
  | 'resume-monitoring'
  | 'start-at-login'
  | 'quit';

/** One menu entry as plain data. */
export interface MenuItemModel {
  id: string;
  label: string;
  enabled: boolean;
  type: 'normal' | 'separator' | 'checkbox' | 'submenu';
  checked?: boolean;
  submenu?: MenuItemModel[];
}

/** What the tray shows. */
export interface TrayModel {
  /** One of the five tray icons (assets/tray/<icon>*), chosen in common/state-rank.ts. */
  icon: IconKind;
  tooltip: string;
  menu: MenuItemModel[];
}

/** App-wide switches the tray reflects. */
export type TrayContext = Omit<TrayState, 'views'> & { platform: NodeJS.Platform };

/** Windows truncates tray tooltips at 127 characters (NOTIFYICONDATA.szTip). */
const WIN_TOOLTIP_MAX = 127;

/** One disabled menu line per cluster: "prod — degraded · 2/3 servers · can lose 0 · 2 nodes down". */
export function clusterLine(view: ClusterView): string {
  const parts = [
    STATES[effectiveState(view)].word,
    quorumLine(Object.entries(view.quorum)),
    nodeProblems(view) ?? '',
  ];
  return `${view.name} — ${parts.filter((p) => p !== '').join(' · ')}`;
}

/** One tooltip line per cluster: "prod: degraded — 2 nodes down". */
function tooltipLine(view: ClusterView): string {
  const problems = nodeProblems(view);
  return `${view.name}: ${STATES[effectiveState(view)].word}${problems === null ? '' : ` — ${problems}`}`;
}

function tooltipFor(views: readonly ClusterView[], ctx: TrayContext): string {
  const head = ctx.paused ? 'Nomad Tray — monitoring paused' : 'Nomad Tray';
  let lines: string[];
  if (views.length === 0) {
    lines = [head, 'No clusters configured'];
  } else {
    const summary = stateSummary(views).join(', ');
    lines = [`${head}: ${summary}`, ...views.map(tooltipLine)];
  }
  if (ctx.snoozedAll) lines.push('Notifications snoozed');
  const text = lines.join('\n');
  return ctx.platform === 'win32' && text.length > WIN_TOOLTIP_MAX
    ? `${text.slice(0, WIN_TOOLTIP_MAX - 1)}…`
    : text;
}

const item = (id: TrayActionId, label: string): MenuItemModel => ({
  id,
  label,
  enabled: true,
  type: 'normal',
});
const separator = (n: number): MenuItemModel => ({
  id: `separator-${n}`,
  label: '',
  enabled: true,
  type: 'separator',
});

function menuFor(views: readonly ClusterView[], ctx: TrayContext): MenuItemModel[] {
  const clusterLines: MenuItemModel[] =
    views.length === 0
      ? [{ id: 'cluster:none', label: 'No clusters configured', enabled: false, type: 'normal' }]
      : views.map((v) => ({ id: `cluster:${v.id}`, label: clusterLine(v), enabled: false, type: 'normal' }));
  const snooze: MenuItemModel = ctx.snoozedAll
    ? item('resume-notifications', 'Resume notifications')
    : {
        ...item('snooze', 'Snooze'),
        type: 'submenu',
        submenu: SNOOZE_CHOICES.map(([duration, label]) => item(`snooze:${duration}`, label)),
      };
  return [
    // First, because Linux panels differ on what a click does: the menu is the one reliable way in.
    item('open', 'Open Nomad Tray'),
    separator(1),
    ...clusterLines,
    separator(2),
    { ...item('refresh', 'Refresh now'), enabled: !ctx.paused && views.length > 0 },
    snooze,
    ctx.paused
      ? item('resume-monitoring', 'Resume monitoring')
      : item('pause-monitoring', 'Pause monitoring'),
    separator(3),
    { ...item('start-at-login', 'Start at login'), type: 'checkbox', checked: ctx.startAtLogin },
    item('quit', 'Quit'),
  ];
}

/**
 * The tray for the current cluster views. The worst cluster picks the icon (critical > blind > degraded >
 * stale/unknown > paused > healthy, see common/state-rank.ts); with no clusters the icon is the "unreachable"
 * one (nothing is watched, so never green); a user pause shows the paused icon.
 */
export function toTrayModel(views: readonly ClusterView[], ctx: TrayContext): TrayModel {
  return { icon: summaryIcon(views, ctx.paused), tooltip: tooltipFor(views, ctx), menu: menuFor(views, ctx) };
}
