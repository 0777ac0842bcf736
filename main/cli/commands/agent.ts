/** `members`, `self`, `servers [--set ADDR...]`: reads (and the server-list write) on one cluster's agent. */
import { parseServerAddress } from '../../core/nomad/index.js';
import type { EngineError, Monitor } from '../../core/engine/index.js';
import type { CliArgs } from '../args.js';
import { membersTable, selfText } from '../format.js';
import type { CliIo } from '../io.js';
import { EXIT } from '../io.js';

/** Exit code and stderr line for an engine error: 2 when Nomad could not be talked to, else 1. */
export function reportError(error: EngineError, io: CliIo): number {
  if (error.kind === 'nomad') {
    io.err(`Error (${error.error.kind}): ${error.message}`);
    const k = error.error.kind;
    return k === 'unreachable' || k === 'timeout' || k === 'tls' || k === 'forbidden'
      ? EXIT.unreachable
      : EXIT.problem;
  }
  io.err(`Error: ${error.message}`);
  return EXIT.problem;
}

/** Runs `members`. */
export async function membersCommand(
  args: CliArgs,
  id: string,
  monitor: Monitor,
  io: CliIo,
): Promise<number> {
  const r = await monitor.members(id);
  if (!r.ok) return reportError(r.error, io);
  io.out(args.json ? JSON.stringify(r.value) : membersTable(r.value));
  return EXIT.ok;
}

/** Runs `self`. */
export async function selfCommand(args: CliArgs, id: string, monitor: Monitor, io: CliIo): Promise<number> {
  const r = await monitor.self(id);
  if (!r.ok) return reportError(r.error, io);
  io.out(args.json ? JSON.stringify(r.value) : selfText(r.value));
  return EXIT.ok;
}

/** Runs `servers` (read) or `servers --set ADDR...` (replace, then re-read). Bad addresses exit 64. */
export async function serversCommand(
  args: CliArgs,
  id: string,
  monitor: Monitor,
  io: CliIo,
): Promise<number> {
  if (!args.set) {
    const r = await monitor.servers(id);
    if (!r.ok) return reportError(r.error, io);
    io.out(args.json ? JSON.stringify(r.value) : r.value.join('\n'));
    return EXIT.ok;
  }
  const addresses: string[] = [];
  for (const a of args.positionals) {
    const parsed = parseServerAddress(a);
    if (!parsed.ok) {
      io.err(`Error: ${parsed.error}`);
      return EXIT.usage;
    }
    addresses.push(parsed.value.address);
  }
  const r = await monitor.setServers(id, addresses);
  if (!r.ok) return reportError(r.error, io);
  if (args.json) io.out(JSON.stringify(r.value));
  else
    io.out(
      `Servers before: ${r.value.before.join(', ') || '(none)'}\nServers now:    ${r.value.after.join(', ') || '(none)'}`,
    );
  return EXIT.ok;
}
