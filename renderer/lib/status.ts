/** How states and statuses look: a tone (colour), a shape and a word, so colour is never the only signal. */
import type { ClusterStateKind, MemberStatus } from '../../common/domain.js';

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

export interface Look {
  tone: Tone;
  shape: string;
  label: string;
}

const CLUSTER: Record<ClusterStateKind, Look> = {
  critical: { tone: 'bad', shape: '✖', label: 'Critical' },
  unreachable: { tone: 'bad', shape: '✖', label: 'Unreachable' },
  'tls-error': { tone: 'bad', shape: '✖', label: 'TLS error' },
  forbidden: { tone: 'bad', shape: '✖', label: 'Forbidden' },
  error: { tone: 'bad', shape: '✖', label: 'Error' },
  degraded: { tone: 'warn', shape: '▲', label: 'Degraded' },
  stale: { tone: 'warn', shape: '◔', label: 'Stale' },
  unknown: { tone: 'idle', shape: '?', label: 'Unknown' },
  paused: { tone: 'idle', shape: '❚❚', label: 'Paused' },
  healthy: { tone: 'ok', shape: '●', label: 'Healthy' },
};

const MEMBER: Record<MemberStatus, Look> = {
  alive: { tone: 'ok', shape: '●', label: 'alive' },
  leaving: { tone: 'warn', shape: '▲', label: 'leaving' },
  left: { tone: 'idle', shape: '○', label: 'left' },
  failed: { tone: 'bad', shape: '✖', label: 'failed' },
  none: { tone: 'idle', shape: '–', label: 'none' },
  unknown: { tone: 'idle', shape: '?', label: 'unknown' },
};

/** The look of a cluster state. */
export function clusterLook(state: ClusterStateKind): Look {
  return CLUSTER[state];
}

/** The look of a member status (`raw` is shown for statuses Nomad added after us). */
export function memberLook(status: MemberStatus, raw?: string): Look {
  const look = MEMBER[status];
  return status === 'unknown' && raw ? { ...look, label: raw } : look;
}
