/**
 * Keeps secrets out of history. MonitorEvent has no token field and the engine never puts tokens in messages;
 * this is the second fence, through the one shared scrubber (main/core/redact).
 */
import type { MonitorEvent } from '../../../common/domain.js';
import { redact } from '../redact/index.js';

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
