/**
 * What every cluster state means to the eye, in ONE table: its severity tier, the tray/favicon icon, its word,
 * the severity a snooze is measured against, whether the app is blind in it, its reminder and the CLI's exit code. The tone (colour family),
 * glyph and icon colours hang off the icon, so the badge, the sidebar, the reason lines, the page title, the
 * favicon and the tray icon of a state can never disagree. Every consumer reads this file: the ranking and
 * summaries (common/state-rank.ts), the tray model (main/shell/tray-model.ts), the browser favicon
 * (main/browser/favicon.ts via common/state-icon.ts), the window (renderer/lib/status.ts, page-status.ts), the
 * engine's snooze severity, the alert policy's reminders (main/core/alerts/reminder-notices.ts) and the exit code of
 * `nomad-tray status` (main/cli/commands/status.ts). A new state kind fails to compile until it has a row here.
 */
import type { ClusterStateKind, Severity } from './domain.js';

/** The five status icons (assets/tray/<icon>*, and the favicon shapes of the window). */
export type IconKind = 'healthy' | 'degraded' | 'critical' | 'unreachable' | 'paused';

/**
 * Colour families of the window. Each has ONE global class in renderer/theme.css, `.tone-<tone>`, which sets
 * `--tone` and `--tone-bg` from the theme's colours; components only read those two variables
 * (test/renderer/tones.test.ts keeps the stylesheet and this list in step).
 */
export const TONES = ['ok', 'warn', 'bad', 'blind', 'idle'] as const;
export type Tone = (typeof TONES)[number];

export interface StateRow {
  /** Severity tier, worst (0) first; never decreases along ClusterStateKindSchema's order. */
  tier: number;
  icon: IconKind;
  /** The state's word, lower case for the middle of a sentence ("1 access denied"); badges capitalise it. */
  word: string;
  /** What a snooze of this state is measured against, and how loud the state is. */
  severity: Severity;
  /** The app cannot see the cluster in this state (so "last good poll …" is worth saying). */
  blind: boolean;
  /**
   * The reminder's words while a cluster stays in this state ("prod: still unreachable"); null: the state never
   * reminds. A reminder is as loud as the state (`severity`), so a snooze, quiet hours and the first notice all
   * read one severity.
   */
  reminder: string | null;
  /**
   * The exit code `nomad-tray status` gives for a cluster in this state, by its name in the CLI's EXIT table
   * (main/core/nomad/error-kinds.ts): `unreachable` (2) for Nomad that could not be talked to, `problem` (1).
   */
  exit: 'ok' | 'problem' | 'unreachable';
}

export const STATES: Record<ClusterStateKind, StateRow> = {
  critical: {
    tier: 0,
    icon: 'critical',
    word: 'critical',
    severity: 'critical',
    blind: false,
    reminder: 'still critical',
    exit: 'problem',
  },
  unreachable: {
    tier: 1,
    icon: 'unreachable',
    word: 'unreachable',
    severity: 'critical',
    blind: true,
    reminder: 'still unreachable',
    exit: 'unreachable',
  },
  'tls-error': {
    tier: 1,
    icon: 'unreachable',
    word: 'TLS error',
    severity: 'critical',
    blind: true,
    reminder: 'TLS still failing',
    exit: 'unreachable',
  },
  forbidden: {
    tier: 1,
    icon: 'unreachable',
    word: 'access denied',
    severity: 'critical',
    blind: true,
    reminder: 'ACL token still refused',
    exit: 'unreachable',
  },
  error: {
    tier: 1,
    icon: 'unreachable',
    word: 'error',
    severity: 'critical',
    blind: true,
    reminder: 'still in error',
    exit: 'unreachable',
  },
  degraded: {
    tier: 2,
    icon: 'degraded',
    word: 'degraded',
    severity: 'warning',
    blind: false,
    reminder: 'still degraded',
    exit: 'problem',
  },
  stale: {
    tier: 3,
    icon: 'unreachable',
    word: 'stale',
    severity: 'warning',
    blind: true,
    reminder: null,
    exit: 'problem',
  },
  unknown: {
    tier: 3,
    icon: 'unreachable',
    word: 'unknown',
    severity: 'info',
    blind: true,
    reminder: null,
    exit: 'problem',
  },
  paused: {
    tier: 4,
    icon: 'paused',
    word: 'paused',
    severity: 'info',
    blind: false,
    reminder: null,
    exit: 'ok',
  },
  healthy: {
    tier: 5,
    icon: 'healthy',
    word: 'healthy',
    severity: 'info',
    blind: false,
    reminder: null,
    exit: 'ok',
  },
};

/**
 * Every state, worst first: the table's rows in ClusterStateKindSchema's order (a test holds them equal).
 * Read instead of the schema where zod is not loaded (the window's first screen).
 */
export const STATE_ORDER = Object.keys(STATES) as readonly ClusterStateKind[];

export interface IconLook {
  tone: Tone;
  /** A text glyph of the icon's silhouette, so text alone (a title, a screen reader) carries the state. */
  glyph: string;
  /** Okabe–Ito derived colours of the tray icons (scripts/make-tray-icons.mjs) and a darker rim. */
  fill: string;
  rim: string;
}

export const ICONS: Record<IconKind, IconLook> = {
  healthy: { tone: 'ok', glyph: '●', fill: '#009e73', rim: '#00674b' },
  degraded: { tone: 'warn', glyph: '▲', fill: '#e69f00', rim: '#966700' },
  critical: { tone: 'bad', glyph: '✖', fill: '#d53a00', rim: '#8a2600' },
  unreachable: { tone: 'blind', glyph: '◌', fill: '#8c8c8c', rim: '#5b5b5b' },
  paused: { tone: 'idle', glyph: '❚❚', fill: '#5b7898', rim: '#3b4e63' },
};

/** The whole look of one state: its row and its icon's look. */
export function stateLook(state: ClusterStateKind): StateRow & IconLook & { label: string } {
  const row = STATES[state];
  return { ...row, ...ICONS[row.icon], label: row.word.charAt(0).toUpperCase() + row.word.slice(1) };
}
