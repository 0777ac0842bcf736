/** Small helpers of the engine: listener sets, fire-and-forget port calls, state severities, view assembly. */
import type { ClusterSnapshot, ClusterView, Severity, StatePoint } from '../../../common/domain.js';
import { STATES } from '../../../common/state-table.js';
import type { ClusterSettings } from '../../../common/settings-schema.js';
import type { ClusterPolicyContext, ClusterStateKind, ClusterStateResult } from '../monitor/index.js';

/** Severity a state stands for (what a snooze is measured against). */
export function severityOfState(state: ClusterStateKind): Severity {
  return STATES[state].severity;
}

/** A Result-shaped failure (ports may answer with Result values). */
function isFailure(value: unknown): value is { ok: false; error: unknown } {
  return typeof value === 'object' && value !== null && 'ok' in value && value.ok === false;
}

/** Calls a port without waiting; a throw, a rejection or an error Result is logged with `label`. */
export function fireAndLog(call: () => unknown, label: string, log: (line: string) => void): void {
  try {
    void Promise.resolve(call()).then(
      (r: unknown) => {
        if (isFailure(r)) log(`${label}: ${String(r.error)}`);
      },
      (e: unknown) => log(`${label}: ${String(e)}`),
    );
  } catch (e) {
    log(`${label}: ${String(e)}`);
  }
}

/** A set of listeners; a throwing listener is logged and never stops the others. */
export interface Listeners<T> {
  add(listener: (value: T) => void): () => void;
  emit(value: T): void;
}

/** Creates a listener set. */
export function listeners<T>(log: (line: string) => void): Listeners<T> {
  const set = new Set<(value: T) => void>();
  return {
    add(listener) {
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(value) {
      for (const l of set) {
        try {
          l(value);
        } catch (e) {
          log(`listener failed: ${String(e)}`);
        }
      }
    },
  };
}

/** What a view is built from. */
export interface ViewInput {
  settings: ClusterSettings;
  state: ClusterStateResult;
  snapshot: ClusterSnapshot | null;
  lastGood: ClusterSnapshot | null;
  failingSince: number | null;
  paused: boolean;
  snooze: ClusterPolicyContext['snooze'];
  timeline: StatePoint[];
}

/** The ClusterView pushed to the tray, the window and the CLI (never contains a token). */
export function buildView(v: ViewInput): ClusterView {
  const s = v.settings.enabled ? v.state : { state: 'unknown' as const, reasons: ['disabled'], quorum: {} };
  return {
    id: v.settings.id,
    name: v.settings.name,
    enabled: v.settings.enabled,
    state: s.state,
    reasons: s.reasons,
    quorum: s.quorum,
    lastPoll: v.snapshot?.time ?? null,
    lastGoodPoll: v.lastGood?.time ?? null,
    failingSince: v.failingSince,
    paused: v.paused,
    snoozed: v.snooze?.until ?? null,
    pollIntervalMs: v.settings.pollIntervalMs,
    snapshot: v.snapshot,
    timeline: v.timeline,
  };
}
