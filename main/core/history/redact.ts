/**
 * Keeps ACL tokens out of history. MonitorEvent has no token field and the engine never puts tokens in
 * messages; this is the second fence: known secrets, and UUIDs labelled as a token or secret, become "[redacted]".
 */
import type { MonitorEvent } from '../../../common/domain.js';

/** What a redacted secret is replaced with. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are ignored: replacing "" or "a" everywhere would shred every message. */
const MIN_SECRET_LENGTH = 4;
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const LABELLED_UUID = new RegExp(
  `\\b((?:x-nomad-)?token|secret(?:[ _-]?id)?)(["']?\\s*[:=]?\\s*["']?)${UUID}`,
  'gi',
);

/** Replaces every known secret, and any UUID right after "token"/"secret"/"X-Nomad-Token", with "[redacted]". */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= MIN_SECRET_LENGTH) out = out.split(s).join(REDACTED);
  }
  return out.replace(LABELLED_UUID, `$1$2${REDACTED}`);
}

/** The event with redact() applied to every string it carries. */
export function redactEvent(event: MonitorEvent, secrets: readonly string[]): MonitorEvent {
  const r = (s: string): string => redact(s, secrets);
  const out: MonitorEvent = { ...event, cluster: r(event.cluster), message: r(event.message) };
  if (event.member !== undefined) out.member = r(event.member);
  if (event.region !== undefined) out.region = r(event.region);
  if (event.from !== undefined) out.from = r(event.from);
  if (event.to !== undefined) out.to = r(event.to);
  if (event.details !== undefined) out.details = event.details.map(r);
  return out;
}
