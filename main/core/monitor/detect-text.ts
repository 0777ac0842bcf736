/**
 * Small wording helpers shared by the detector's state, observe and diff steps, so the same failure reads the
 * same way in the tray tooltip, the window and a notification.
 */
import type { MonitorEvent } from '../../../common/domain.js';
import type { NomadError, TlsReason } from '../../../common/nomad-domain.js';
import { meaningOf } from '../nomad/index.js';
import { keyKind } from './detect-keys.js';

/**
 * "settings: CA file /dev/zero is not a regular file" when the failure is on Nomad Tray's side (error-kinds.ts,
 * `ours`): the cluster then shows the `error` state with this reason. Null for the agent's failures.
 */
export function ownSideSentence(error: Pick<NomadError, 'kind' | 'message'>): string | null {
  const label = meaningOf(error).ours;
  return label === undefined ? null : `${label}: ${error.message}`;
}

const TLS_SENTENCES: Record<Exclude<TlsReason, 'other'>, string> = {
  'unknown-authority': 'certificate signed by an unknown authority',
  'hostname-mismatch': 'the certificate does not match the address',
  expired: 'the certificate has expired or is not yet valid',
  'client-cert-required': 'the agent requires a client certificate',
  'client-cert-rejected': 'the agent rejected the client certificate',
  'agent-speaks-http': 'the agent speaks plain HTTP: use http://',
  'agent-speaks-https': 'the agent speaks HTTPS: use https://',
};

/** The TLS failure in plain words (known reason sentence, else the client's message). */
export function tlsSentence(error: Pick<NomadError, 'message' | 'tlsReason'>): string {
  const reason = error.tlsReason;
  if (reason !== undefined && reason !== 'other') return TLS_SENTENCES[reason];
  return error.message;
}

/**
 * A short detail for a failed poll: "403 Permission denied" for a refused token, the TLS sentence for TLS,
 * the client's message otherwise.
 */
export function errorDetail(error: NomadError): string {
  if (error.kind === 'forbidden') {
    const body =
      error.body !== undefined && error.body.trim() !== '' ? error.body.trim() : 'Permission denied';
    return `${error.status ?? 403} ${body}`;
  }
  if (error.kind === 'tls') return tlsSentence(error);
  return error.message;
}

/** A duration in the largest sensible unit ("45 s", "3 min", "2 h", "4 d"), for reasons and messages. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 120) return `${min} min`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.round(h / 24)} d`;
}

/**
 * What a flapping event is about, from its structured fields (never its message): the member, "the leader of
 * eu", "quorum in eu", "server health" or "the agent connection". Events without a key (history written before
 * events carried one) fall back to their region, else "state".
 */
export function flapSubject(e: Pick<MonitorEvent, 'key' | 'member' | 'region' | 'role'>): string {
  if (e.member !== undefined) return e.member;
  if (e.key === undefined) return e.region ?? 'state';
  switch (keyKind(e.key)) {
    case 'leader':
      return `the leader of ${e.region ?? '?'}`;
    case 'quorum':
      return `quorum in ${e.region ?? '?'}`;
    case 'health':
      return `${e.role ?? 'agent'} health`;
    case 'reachability':
      return 'the agent connection';
    case 'member':
      return 'a member';
  }
}
