/**
 * The CLI's dispatcher: parse → load settings → run one command → exit code. Separate from index.ts (which only
 * wires the process) so it can run in-process.
 */
import { createMonitor } from '../core/engine/index.js';
import { createHistory, type History } from '../core/history/index.js';
import { parseArgs, USAGE, type CliArgs } from './args.js';
import { cliClientFactory, loadContext, resolveConfigDir, type CliContext } from './context.js';
import { forceLeaveCommand, joinCommand } from './commands/actions.js';
import { membersCommand, nodesCommand, selfCommand, serversCommand } from './commands/agent.js';
import { historyCommand } from './commands/history.js';
import { statusCommand } from './commands/status.js';
import { watchCommand } from './commands/watch.js';
import type { CliIo } from './io.js';
import { realTimers } from '../core/poller/index.js';
import { osNotifier, silentNotifier } from './ports.js';
import { cliSecrets, collectingTokens, redactingIo } from './secrets.js';
import { basicAuthSecrets, userinfoSecrets } from '../core/redact/index.js';
import { EXIT } from '../core/nomad/index.js';

/** Runs one CLI invocation and returns its exit code; never throws for bad input. */
export async function run(
  argv: readonly string[],
  rawIo: CliIo,
  /** How `watch` learns it must stop (signals in the real process). */
  hooks: { stopSignal: () => Promise<void> },
): Promise<number> {
  const secrets = cliSecrets(argv, rawIo.env);
  const io = redactingIo(rawIo, secrets);
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    io.err(`nomad-tray: ${parsed.error}`);
    return EXIT.usage;
  }
  const args = parsed.value;
  if (args.help || args.command === null) {
    io.out(USAGE.trimEnd());
    return EXIT.ok;
  }
  if (args.command === 'history') return historyCommand(args, resolveConfigDir(args, io.env), io);
  const loaded = await loadContext(args, io.env, io.err);
  if (!loaded.ok) {
    io.err(`nomad-tray: ${loaded.error.message}`);
    return loaded.error.exit;
  }
  const ctx = { ...loaded.value, tokenFor: collectingTokens(loaded.value.tokenFor, secrets) };
  for (const c of ctx.targets) {
    for (const s of basicAuthSecrets(c.httpAuth ?? '')) secrets.add(s);
    for (const s of c.addresses.flatMap(userinfoSecrets)) secrets.add(s);
  }
  if (args.command === 'status') return statusCommand(args, ctx, io);
  // The engine logs a failed append on io.err ("history: <why>").
  const history = createHistory({ dir: ctx.dir, clock: Date.now, secrets: secrets.list });
  const code =
    args.command === 'watch'
      ? await watchCommand(args, ctx, io, {
          history,
          notifier: args.notify ? osNotifier(io.err) : silentNotifier,
          timers: realTimers,
          stopSignal: hooks.stopSignal(),
        })
      : await agentCommand(args.command, args, ctx, io, history);
  await history.flush();
  return code;
}

/** The commands that work on one cluster's agent. */
const AGENT_COMMANDS = {
  members: membersCommand,
  nodes: nodesCommand,
  self: selfCommand,
  servers: serversCommand,
  join: joinCommand,
  'force-leave': forceLeaveCommand,
};

async function agentCommand(
  command: keyof typeof AGENT_COMMANDS,
  args: CliArgs,
  ctx: CliContext,
  io: CliIo,
  history: History,
): Promise<number> {
  const target = ctx.targets[0];
  if (!target) return EXIT.usage;
  if (ctx.targets.length > 1) io.err(`using cluster "${target.id}" (pick another with --cluster ID)`);
  const monitor = createMonitor({
    settings: { ...ctx.settings, clusters: [target] },
    clientFactory: cliClientFactory(),
    tokenFor: ctx.tokenFor,
    timers: realTimers,
    notifier: silentNotifier,
    history,
    log: io.err,
  });
  try {
    return await AGENT_COMMANDS[command](args, target.id, monitor, io);
  } finally {
    await monitor.stop();
  }
}
