/** `members`, `self`, `servers [--set ADDR...]`: reads (and the server-list write) on one cluster's agent. */
import { parseServerAddress } from '../../../common/addresses.js';
import { meaningOf } from '../../core/nomad/index.js';
import type { Answered, EngineError, Monitor } from '../../core/engine/index.js';
import type { CliArgs } from '../args.js';
import { membersTable, nodesTable, selfText } from '../format.js';
import type { CliIo } from '../io.js';
import { EXIT } from '../io.js';

/** Exit code (from the error-kind table) and stderr line for an engine error. */
export function reportError(error: EngineError, io: CliIo): number {
  if (error.kind === 'nomad') {
    io.err(`Error (${error.error.kind}): ${error.message}`);
    return meaningOf(error.error).exit;
  }
  io.err(`Error: ${error.message}`);
  return EXIT.problem;
}

/** Says on stderr which address answered after failover (and why the ones before it did not). */
export function reportAnswered<T>(answered: Answered<T>, io: CliIo): T {
  for (const s of answered.skipped) io.err(`${s.address} did not answer: ${s.message}`);
  if (answered.skipped.length > 0) io.err(`answered by ${answered.address}`);
  return answered.value;
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
  const members = reportAnswered(r.value, io);
  io.out(args.json ? JSON.stringify(members) : membersTable(members));
  return EXIT.ok;
}

/** Runs `nodes`: the client nodes (JSON: the NomadNode list). */
export async function nodesCommand(args: CliArgs, id: string, monitor: Monitor, io: CliIo): Promise<number> {
  const r = await monitor.nodes(id);
  if (!r.ok) return reportError(r.error, io);
  const nodes = reportAnswered(r.value, io);
  io.out(args.json ? JSON.stringify(nodes) : nodesTable(nodes));
  return EXIT.ok;
}

/** Runs `self`. */
export async function selfCommand(args: CliArgs, id: string, monitor: Monitor, io: CliIo): Promise<number> {
  const r = await monitor.self(id);
  if (!r.ok) return reportError(r.error, io);
  const self = reportAnswered(r.value, io);
  io.out(args.json ? JSON.stringify(self) : selfText(self));
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
    const servers = reportAnswered(r.value, io);
    io.out(args.json ? JSON.stringify(servers) : servers.join('\n'));
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
  const set = reportAnswered(r.value, io);
  if (args.json) io.out(JSON.stringify(set));
  else
    io.out(
      `Servers before: ${set.before.join(', ') || '(none)'}\nServers now:    ${set.after.join(', ') || '(none)'}`,
    );
  return EXIT.ok;
}
