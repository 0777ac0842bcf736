/**
 * `status --format waybar|xbar`: one glance at every cluster for a status bar, without Electron. Both read the
 * shared state table (glyph, colour, word) so the bar says what the tray would.
 */
import type { ClusterStateKind } from '../../common/domain.js';
import { stateSummary, worstState } from '../../common/state-rank.js';
import { STATES, stateLook } from '../../common/state-table.js';
import { flatten } from '../core/notify/index.js';
import type { StatusFormat } from './args.js';

/** One cluster as the bar shows it. */
export interface BarCluster {
  name: string;
  state: ClusterStateKind;
  reasons: readonly string[];
}

function line(c: BarCluster): string {
  const why = c.reasons.length > 0 ? ` (${c.reasons.join('; ')})` : '';
  return flatten(`${c.name}: ${STATES[c.state].word}${why}`);
}

function headline(clusters: readonly BarCluster[]): { state: ClusterStateKind; text: string } {
  const state = worstState(clusters.map((c) => c.state));
  const views = clusters.map((c) => ({ enabled: true, paused: false, state: c.state }));
  return { state, text: `${stateLook(state).glyph} Nomad ${stateSummary(views).join(', ') || 'no cluster'}` };
}

/** Pango markup's special characters as entities (names and messages come from outside). */
function pango(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Waybar custom module JSON (`return-type: json`): text, tooltip, class (the worst state) and alt. Waybar reads
 * text and tooltip as Pango markup unless the module sets `"escape": true`, so they are escaped here: a `<` or
 * `&` in a cluster name or an error message would otherwise blank the module.
 */
export function waybarDocument(clusters: readonly BarCluster[]): string {
  const head = headline(clusters);
  return JSON.stringify({
    text: pango(head.text),
    tooltip: pango(clusters.map(line).join('\n')),
    class: head.state,
    alt: head.state,
  });
}

/** xbar / SwiftBar plugin text: the headline, `---`, one line per cluster, each coloured by its state. */
export function xbarDocument(clusters: readonly BarCluster[]): string {
  // " | " starts xbar's parameters: a "|" inside a name must not.
  const safe = (text: string): string => text.replace(/\|/g, '¦');
  const head = headline(clusters);
  const rows = clusters.map((c) => `${safe(line(c))} | color=${stateLook(c.state).fill}`);
  return [`${safe(head.text)} | color=${stateLook(head.state).fill}`, '---', ...rows].join('\n');
}

/** The document of a status-bar format. */
export function statusBarDocument(format: StatusFormat, clusters: readonly BarCluster[]): string {
  return format === 'waybar' ? waybarDocument(clusters) : xbarDocument(clusters);
}
