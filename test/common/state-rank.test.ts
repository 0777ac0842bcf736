import { describe, expect, it } from 'vitest';
import { ClusterStateKindSchema, type ClusterStateKind } from '../../common/domain.js';
import {
  compareSeverity,
  effectiveState,
  stateSummary,
  summaryIcon,
  worstState,
} from '../../common/state-rank.js';
import { STATES } from '../../common/state-table.js';

const ALL = ClusterStateKindSchema.options;
const BLIND: ClusterStateKind[] = ['unreachable', 'tls-error', 'forbidden', 'stale', 'unknown'];

describe('state-rank', () => {
  it('severity tiers never get worse along the enum order, so worstState and sorting agree', () => {
    for (let i = 1; i < ALL.length; i++) {
      const [before, after] = [ALL[i - 1], ALL[i]];
      if (before === undefined || after === undefined) throw new Error('enum index out of range');
      expect(compareSeverity(before, after)).toBeLessThanOrEqual(0);
    }
    expect(compareSeverity('critical', 'healthy')).toBeLessThan(0);
    expect(compareSeverity('tls-error', 'forbidden')).toBe(0);
  });

  it('never green while blind: every blind state, and no state at all, shows the unreachable icon', () => {
    for (const state of BLIND) expect(STATES[state].icon).toBe('unreachable');
    expect(STATES[worstState([])].icon).toBe('unreachable');
    expect(STATES[worstState(['healthy', 'stale'])].icon).toBe('unreachable');
  });

  it('the worst state does not depend on the order of its input', () => {
    expect(worstState(['forbidden', 'tls-error', 'healthy'])).toBe('tls-error');
    expect(worstState(['healthy', 'tls-error', 'forbidden'])).toBe('tls-error');
  });

  it('a disabled or paused cluster counts as paused', () => {
    expect(effectiveState({ enabled: false, paused: false, state: 'critical' })).toBe('paused');
    expect(effectiveState({ enabled: true, paused: true, state: 'critical' })).toBe('paused');
    expect(effectiveState({ enabled: true, paused: false, state: 'critical' })).toBe('critical');
  });

  it('summarises views worst first, keeping first-seen order within a tier, and picks one icon', () => {
    const view = (state: ClusterStateKind, enabled = true) => ({ state, enabled, paused: false });
    const views = [
      view('healthy'),
      view('forbidden'),
      view('critical', false),
      view('tls-error'),
      view('healthy'),
    ];
    expect(stateSummary(views)).toEqual(['1 access denied', '1 TLS error', '1 paused', '2 healthy']);
    expect(summaryIcon(views, false)).toBe('unreachable');
    expect(summaryIcon(views, true)).toBe('paused');
    expect(summaryIcon([], false)).toBe('unreachable');
  });
});
