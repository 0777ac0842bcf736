/**
 * How states and statuses look: a tone (colour), a glyph and a word, so colour is never the only signal. A
 * cluster state's look is the one table's (common/state-table.ts `stateLook`), shared with the tray, title and favicon.
 */
import type { WireClusterView } from '../../common/domain.js';
import type { MemberStatus } from '../../common/nomad-domain.js';
import { relativeTime } from './format.js';
import type { NodeCountKey, Scheduling } from './nodes.js';
import { STATES, type Tone } from '../../common/state-table.js';

export interface Look {
  tone: Tone;
  glyph: string;
  label: string;
}

/** Each member status's look (exported for the tone test). */
export const MEMBER_LOOKS: Readonly<Record<MemberStatus, Look>> = {
  alive: { tone: 'ok', glyph: '●', label: 'alive' },
  leaving: { tone: 'warn', glyph: '▲', label: 'leaving' },
  left: { tone: 'idle', glyph: '○', label: 'left' },
  failed: { tone: 'bad', glyph: '✖', label: 'failed' },
  none: { tone: 'idle', glyph: '–', label: 'none' },
  unknown: { tone: 'idle', glyph: '?', label: 'unknown' },
};

/**
 * How long the app has been blind to a cluster ("last good poll 2 min ago"); null while it sees it (a critical
 * cluster whose polls succeed has no "last good poll").
 */
export function blindLine(
  cluster: Pick<WireClusterView, 'state' | 'lastGoodPoll'>,
  now: number,
): string | null {
  if (!STATES[cluster.state].blind) return null;
  return cluster.lastGoodPoll === null
    ? 'never polled successfully'
    : `last good poll ${relativeTime(cluster.lastGoodPoll, now)}`;
}

/** The look of `key` in `looks`; `raw` is shown for `unknown` (a status Nomad added after us). */
function lookIn<K extends string>(looks: Readonly<Record<K, Look>>, key: K, raw?: string): Look {
  const look = looks[key];
  return key === 'unknown' && raw ? { ...look, label: raw } : look;
}

export const memberLook = (status: MemberStatus, raw?: string): Look => lookIn(MEMBER_LOOKS, status, raw);

/** Each client node status's look, and how a node takes work (exported for the tone test). */
export const NODE_LOOKS: Readonly<Record<NodeCountKey | Scheduling, Look>> = {
  down: { tone: 'bad', glyph: '✖', label: 'down' },
  disconnected: { tone: 'warn', glyph: '▲', label: 'disconnected' },
  unknown: { tone: 'idle', glyph: '?', label: 'unknown' },
  retired: { tone: 'idle', glyph: '○', label: 'down, retired' },
  draining: { tone: 'warn', glyph: '⇣', label: 'draining' },
  ineligible: { tone: 'idle', glyph: '⊘', label: 'ineligible' },
  initializing: { tone: 'idle', glyph: '◔', label: 'initializing' },
  ready: { tone: 'ok', glyph: '●', label: 'ready' },
  eligible: { tone: 'ok', glyph: '✓', label: 'eligible' },
};

export const nodeLook = (key: NodeCountKey | Scheduling, raw?: string): Look => lookIn(NODE_LOOKS, key, raw);
