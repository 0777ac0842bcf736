/**
 * The state table row by row: what each cluster state means (tier, icon, word, snooze severity, blindness,
 * reminder, exit code) and how each icon looks. state-table.test.ts proves every consumer reads these rows; this file pins the rows.
 */
import { describe, expect, it } from 'vitest';
import { ClusterStateKindSchema } from '../../common/domain.js';
import { ICONS, STATES, stateLook } from '../../common/state-table.js';

const ALL = ClusterStateKindSchema.options;

describe('the state table, row by row', () => {
  it('each state has its tier, icon, word, snooze severity and blindness', () => {
    const rows = Object.fromEntries(
      ALL.map((s) => [
        s,
        [STATES[s].tier, STATES[s].icon, STATES[s].word, STATES[s].severity, STATES[s].blind],
      ]),
    );
    expect(rows).toEqual({
      critical: [0, 'critical', 'critical', 'critical', false],
      unreachable: [1, 'unreachable', 'unreachable', 'critical', true],
      'tls-error': [1, 'unreachable', 'TLS error', 'critical', true],
      forbidden: [1, 'unreachable', 'access denied', 'critical', true],
      error: [1, 'unreachable', 'error', 'critical', true],
      degraded: [2, 'degraded', 'degraded', 'warning', false],
      stale: [3, 'unreachable', 'stale', 'warning', true],
      unknown: [3, 'unreachable', 'unknown', 'info', true],
      paused: [4, 'paused', 'paused', 'info', false],
      healthy: [5, 'healthy', 'healthy', 'info', false],
    });
  });

  it('the states that keep reminding, with their words (a reminder is as loud as its state)', () => {
    expect(Object.fromEntries(ALL.map((s) => [s, STATES[s].reminder]))).toEqual({
      critical: 'still critical',
      unreachable: 'still unreachable',
      'tls-error': 'TLS still failing',
      forbidden: 'ACL token still refused',
      error: 'still in error',
      degraded: 'still degraded',
      stale: null,
      unknown: null,
      paused: null,
      healthy: null,
    });
  });

  it('the exit code of `nomad-tray status` for each state, by its name in the CLI’s exit table', () => {
    expect(Object.fromEntries(ALL.map((s) => [s, STATES[s].exit]))).toEqual({
      critical: 'problem',
      unreachable: 'unreachable',
      'tls-error': 'unreachable',
      forbidden: 'unreachable',
      error: 'unreachable',
      degraded: 'problem',
      stale: 'problem',
      unknown: 'problem',
      paused: 'ok',
      healthy: 'ok',
    });
  });

  it('each icon has its tone, glyph and colours', () => {
    expect(ICONS).toEqual({
      healthy: { tone: 'ok', glyph: '●', fill: '#009e73', rim: '#00674b' },
      degraded: { tone: 'warn', glyph: '▲', fill: '#e69f00', rim: '#966700' },
      critical: { tone: 'bad', glyph: '✖', fill: '#d53a00', rim: '#8a2600' },
      unreachable: { tone: 'blind', glyph: '◌', fill: '#8c8c8c', rim: '#5b5b5b' },
      paused: { tone: 'idle', glyph: '❚❚', fill: '#5b7898', rim: '#3b4e63' },
    });
  });

  it('stateLook joins the row, its icon and a capitalised label', () => {
    expect(stateLook('tls-error')).toEqual({
      tier: 1,
      icon: 'unreachable',
      word: 'TLS error',
      severity: 'critical',
      blind: true,
      reminder: 'TLS still failing',
      exit: 'unreachable',
      tone: 'blind',
      glyph: '◌',
      fill: '#8c8c8c',
      rim: '#5b5b5b',
      label: 'TLS error',
    });
    expect(stateLook('forbidden').label).toBe('Access denied');
  });
});
