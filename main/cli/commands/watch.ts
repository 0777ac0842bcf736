/**
 * `watch`: the engine's loop and alert policy, one line per confirmed event (JSON Lines with --json), plus one
 * line per policy-made notice (digest, network, reminder; a folded node storm as its folded event, after the
 * per-node lines). --notify also raises OS notifications. SIGINT/SIGTERM stop cleanly with exit 0. State changes
 * go to stderr (every poll with NOMAD_TRAY_DEBUG=1).
 */
import type { MonitorEvent } from '../../../common/domain.js';
import type { Settings } from '../../../common/settings-schema.js';
import { createMonitor, type HistoryPort, type NotifierPort } from '../../core/engine/index.js';
import type { Notice } from '../../core/monitor/index.js';
import type { Timers } from '../../core/poller/index.js';
import { NODE_FOLDS } from '../../core/alerts/index.js';
import type { CliArgs } from '../args.js';
import { cliClientFactory, type CliContext } from '../context.js';
import { eventJson, eventText } from '../format.js';
import type { CliIo } from '../io.js';
import { EXIT } from '../../core/nomad/index.js';

/** Types of notices the policy makes itself (not one confirmed event): printed as their own line. */
const POLICY_TYPES = new Set(['digest', 'network-unavailable', 'network-restored', 'reminder']);

/** A policy-made notice as an event line. */
export function noticeEvent(notice: Notice, now: number, nameOf: (id: string) => string): MonitorEvent {
  return {
    time: now,
    clusterId: notice.clusterId ?? '*',
    cluster: notice.clusterId === null ? '*' : nameOf(notice.clusterId),
    type: notice.type ?? 'digest',
    severity: notice.severity,
    message: notice.body ? `${notice.title}: ${notice.body}` : notice.title,
  };
}

/** The settings watch runs with: only the targets, with --interval and --confirm applied (never saved). */
export function watchSettings(args: CliArgs, ctx: CliContext): Settings {
  const clusters = ctx.targets.map((c) => ({ ...c, pollIntervalMs: args.intervalMs ?? c.pollIntervalMs }));
  const global = { ...ctx.settings.global };
  if (args.confirm !== undefined) {
    global.confirmPolls = args.confirm;
    global.recoveryPolls = args.confirm;
  }
  return { ...ctx.settings, clusters, global };
}

export interface WatchPorts {
  history: HistoryPort;
  notifier: NotifierPort;
  timers: Timers;
  /** Resolves when the process is asked to stop (signals). */
  stopSignal: Promise<void>;
}

export async function watchCommand(
  args: CliArgs,
  ctx: CliContext,
  io: CliIo,
  ports: WatchPorts,
): Promise<number> {
  const settings = watchSettings(args, ctx);
  const intervals = settings.clusters.map((c) => c.pollIntervalMs);
  const names = new Map(settings.clusters.map((c) => [c.id, c.name]));
  const print = (e: MonitorEvent): void => io.out(args.json ? eventJson(e) : eventText(e));
  const monitor = createMonitor({
    settings,
    clientFactory: cliClientFactory(Math.min(...intervals)),
    tokenFor: ctx.tokenFor,
    timers: ports.timers,
    notifier: ports.notifier,
    history: ports.history,
    log: (line) => io.err(line),
  });
  monitor.onEvents((events) => events.forEach(print));
  monitor.onNotices((notices) => {
    for (const n of notices) {
      const folded = n.events[0];
      if (n.type !== undefined && NODE_FOLDS.has(n.type) && folded?.type === n.type) print(folded);
      else if (n.type !== undefined && POLICY_TYPES.has(n.type))
        print(noticeEvent(n, ports.timers.now(), (id) => names.get(id) ?? id));
    }
  });
  let lastStates = '';
  const debug = io.env['NOMAD_TRAY_DEBUG'] === '1';
  monitor.subscribe((views) => {
    // The address that answered (after failover) is part of the line, so a switch shows up as a change.
    const states = views.map((v) => `${v.name} [${v.snapshot?.address ?? '-'}]: ${v.state}`).join(', ');
    if (debug) io.err(`poll: ${states}`);
    if (states !== lastStates) io.err(`state: ${states}`);
    lastStates = states;
  });
  io.err(`watching ${settings.clusters.map((c) => c.name).join(', ')} (Ctrl-C to stop)`);
  monitor.start();
  await ports.stopSignal;
  await monitor.stop();
  return EXIT.ok;
}
