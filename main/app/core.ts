/**
 * The app core shared by the Electron shell and the browser shell: settings + tokens → monitor engine → push
 * events, and one `dispatch` that serves every invoke channel of the IPC contract. dispatch validates the
 * request with the contract, runs the channel's handler, checks the answer against the response schema and
 * scrubs known tokens from everything that leaves; it never throws.
 */
import type { ClusterView } from '../../common/domain.js';
import type {
  Envelope,
  EventName,
  EventPayload,
  InvokeChannel,
  IpcError,
  SettingsView,
} from '../../common/ipc-contract.js';
import { eventContract, invokeContract, LIMITS } from '../../common/ipc-contract.js';
import { parseInvokeRequest } from '../../common/ipc-validate.js';
import type { Result } from '../../common/result.js';
import { createMonitor, listeners, type ClientFactory } from '../core/engine/index.js';
import { createHistory } from '../core/history/index.js';
import { createNomadClient } from '../core/nomad/index.js';
import { realTimers } from '../core/poller/index.js';
import { clientOptionsFor, requestTimeoutMs, withEnvSecrets } from '../core/settings/index.js';
import { redact, redactValue } from '../core/redact/index.js';
import { createDeliveries } from './deliveries.js';
import { envToken } from './env-token-offer.js';
import { internalError, sanitizeError } from './errors.js';
import { handlers, type HandlerContext } from './handlers/index.js';
import { repeat } from './repeat.js';
import { loadSettingsState } from './settings-state.js';
import { throttle } from './throttle.js';
import type { AppCore, AppCoreDeps } from './types.js';
import { toWireView } from './wire-view.js';

/** Channels and events that carry the settings view (values the user wrote, saved back by the window). */
const SETTINGS_VIEWS = new Set<string>(['settings:get', 'settings:save', 'settings:changed']);

type AnyHandler = (ctx: HandlerContext, request: unknown) => Promise<Result<unknown, IpcError>>;

export async function createAppCore(deps: AppCoreDeps): Promise<AppCore> {
  const timers = deps.timers ?? realTimers;
  const clock = deps.clock ?? (() => timers.now());
  const log = (message: string): void => deps.log?.(redact(message, settings.knownSecrets()));
  const settings = await loadSettingsState(deps, clock);
  const fromEnv = envToken(deps.env);
  if (fromEnv !== undefined) settings.remember(fromEnv);
  const history = createHistory({ dir: deps.configDir, clock, secrets: () => settings.knownSecrets() });
  // Declared before `emit` exists; deliveries only push once the engine runs, after emit is defined below.
  const deliveries = createDeliveries({
    os: deps.notifier,
    push: (notice) => emit('notifications:decided', notice),
    timers,
  });
  // Environment references (basic auth, an inline client key) become values only here, on the way to Nomad.
  const clientFactory: ClientFactory = (cluster, index, token) => {
    const timeoutMs = requestTimeoutMs(cluster.pollIntervalMs);
    return createNomadClient(clientOptionsFor(withEnvSecrets(cluster, deps.env), token, index, timeoutMs));
  };
  const engine = createMonitor({
    settings: settings.current(),
    clientFactory,
    tokenFor: (cluster) => settings.tokenFor(cluster),
    timers,
    notifier: deliveries,
    // A failed append is logged by the engine ("history: <why>"), like every port's error Result.
    history,
    log,
  });
  const pushes = listeners<[EventName, EventPayload<EventName>]>(log);
  let paused = false;

  /**
   * Makes sure no known secret is in a value about to leave the core (string leaves only, never JSON text).
   * Settings are the user's own values (and may be saved back): only their load problems are scrubbed, and
   * elsewhere a string equal to a cluster's id, name or address is left alone.
   */
  const guard = <T>(name: InvokeChannel | EventName, value: T): T => {
    const secrets = settings.knownSecrets();
    if (SETTINGS_VIEWS.has(name)) {
      const view = value as SettingsView;
      return { ...view, problems: view.problems.map((p) => redact(p, secrets)) } as T;
    }
    const words = new Set(settings.current().clusters.flatMap((c) => [c.id, c.name, ...c.addresses]));
    return redactValue(value, secrets, words);
  };

  /** A push payload scrubbed and checked against the contract; null (logged) when it does not match. */
  function checked<E extends EventName>(name: E, payload: EventPayload<E>): EventPayload<E> | null {
    const parsed = eventContract[name].safeParse(guard(name, payload));
    if (parsed.success) return parsed.data as EventPayload<E>;
    log(`push ${name} dropped: payload does not match the contract`);
    return null;
  }

  function emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const data = checked(name, payload);
    if (data !== null) pushes.emit([name, data]);
  }

  const wire = (views: ClusterView[]) => views.slice(0, LIMITS.clusters).map(toWireView);
  const viewPush = throttle<ClusterView[]>(
    (views) => emit('clusters:changed', wire(views)),
    deps.viewThrottleMs ?? 250,
    timers,
  );
  const offViews = engine.subscribe((views) => viewPush.push(views));
  const offEvents = engine.onEvents((events) => emit('events:changed', events.slice(-LIMITS.events)));

  // The heartbeat lets a window tell "nothing changed" from "nobody is telling me anything" (the app stopped,
  // hangs, or the link broke); the window declares itself blind after a few missed ones.
  const heartbeatMs = deps.heartbeatMs ?? 2_000;
  const stopHeartbeat = repeat(() => emit('app:heartbeat', { intervalMs: heartbeatMs }), heartbeatMs, timers);

  const ctx: HandlerContext = {
    deps,
    deliveries,
    engine,
    settings,
    history,
    clock,
    emit,
    async applySettings() {
      engine.updateSettings(settings.current());
      emit('settings:changed', await settings.view());
    },
    setPaused(on) {
      paused = on;
      if (on) engine.pause();
      else engine.resume();
      viewPush.push(engine.views());
    },
  };

  engine.start();

  return {
    async dispatch(channel: unknown, rawRequest: unknown): Promise<Envelope<unknown>> {
      const secrets = (): string[] => settings.knownSecrets();
      try {
        const parsed = parseInvokeRequest(channel, rawRequest);
        if (!parsed.ok) return { ok: false, error: sanitizeError(parsed.error, secrets()) };
        const name = channel as InvokeChannel;
        const handler = handlers[name] as unknown as AnyHandler;
        const result = await handler(ctx, parsed.value);
        if (!result.ok) return { ok: false, error: sanitizeError(result.error, secrets()) };
        const checked = invokeContract[name].response.safeParse(guard(name, result.value));
        if (!checked.success) {
          log(`${name}: answer does not match the contract`);
          return { ok: false, error: { kind: 'internal', message: `${name} produced a malformed answer.` } };
        }
        return { ok: true, value: checked.data };
      } catch (e) {
        const name = typeof channel === 'string' ? channel.slice(0, 64) : 'request';
        return { ok: false, error: sanitizeError(internalError(name, e), secrets()) };
      }
    },
    onEvent: (listener) => pushes.add(([name, data]) => listener(name, data)),
    views: () => checked('clusters:changed', wire(engine.views())) ?? [],
    trayState() {
      const views = engine.views();
      const now = clock();
      const enabled = views.filter((v) => v.enabled);
      return {
        views,
        paused,
        snoozedAll:
          enabled.length > 0 &&
          enabled.every((v) => v.snoozed === 'until-recovered' || (v.snoozed !== null && v.snoozed > now)),
        startAtLogin: settings.current().global.startAtLogin,
      };
    },
    pollNow: () => engine.pollNow(),
    pause: () => ctx.setPaused(true),
    resume: () => ctx.setPaused(false),
    snoozeAll(duration) {
      for (const c of settings.current().clusters) engine.snooze(c.id, duration);
    },
    suspend: () => engine.suspend(),
    wake: () => engine.wake(),
    async stop() {
      stopHeartbeat();
      viewPush.cancel();
      offViews();
      offEvents();
      await engine.stop();
    },
  };
}
