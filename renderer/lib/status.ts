/**
 * How states and statuses look: a tone (colour), a shape and a word, so colour is never the only signal. A
 * cluster state's look is the one table's (common/state-table.ts), shared with the tray, title and favicon.
 */
import type { ClusterStateKind, WireClusterView } from '../../common/domain.js';
import type { MemberStatus } from '../../common/nomad-domain.js';
import { relativeTime } from './format.js';
import type { NodeCountKey, Scheduling } from './nodes.js';
import { STATES, stateLook, type Tone } from '../../common/state-table.js';

export type { Tone };

export interface Look {
  tone: Tone;
  shape: string;
  label: string;
}

/** Each member status's look (exported for the tone test). */
export const MEMBER_LOOKS: Readonly<Record<MemberStatus, Look>> = {
  alive: { tone: 'ok', shape: '●', label: 'alive' },
  leaving: { tone: 'warn', shape: '▲', label: 'leaving' },
  left: { tone: 'idle', shape: '○', label: 'left' },
  failed: { tone: 'bad', shape: '✖', label: 'failed' },
  none: { tone: 'idle', shape: '–', label: 'none' },
  unknown: { tone: 'idle', shape: '?', label: 'unknown' },
};

export function clusterLook(state: ClusterStateKind): Look {
  const look = stateLook(state);
  return { tone: look.tone, shape: look.glyph, label: look.label };
}

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
  down: { tone: 'bad', shape: '✖', label: 'down' },
  disconnected: { tone: 'warn', shape: '▲', label: 'disconnected' },
  unknown: { tone: 'idle', shape: '?', label: 'unknown' },
  retired: { tone: 'idle', shape: '○', label: 'down, retired' },
  draining: { tone: 'warn', shape: '⇣', label: 'draining' },
  ineligible: { tone: 'idle', shape: '⊘', label: 'ineligible' },
  initializing: { tone: 'idle', shape: '◔', label: 'initializing' },
  ready: { tone: 'ok', shape: '●', label: 'ready' },
  eligible: { tone: 'ok', shape: '✓', label: 'eligible' },
};

export const nodeLook = (key: NodeCountKey | Scheduling, raw?: string): Look => lookIn(NODE_LOOKS, key, raw);
