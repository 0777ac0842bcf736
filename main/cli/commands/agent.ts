/** `members`, `self`, `servers [--set ADDR...]`: reads (and the server-list write) on one cluster's agent. */
import { parseAddresses, parseServerAddress, type ParsedAddress } from '../../../common/addresses.js';
import type { Result } from '../../../common/result.js';
import { EXIT, meaningOf } from '../../core/nomad/index.js';
import type { Answered, EngineError, EngineResult, Monitor } from '../../core/engine/index.js';
import type { CliArgs } from '../args.js';
import { membersTable, nodesTable, selfText } from '../format.js';
import type { CliIo } from '../io.js';

/** A command on one cluster's agent: its exit code. */
export type AgentCommand = (args: CliArgs, id: string, monitor: Monitor, io: CliIo) => Promise<number>;

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

/** The addresses to send (each checked by `parse`); null after saying on stderr which one is bad (a usage error). */
export function sentAddresses(
  texts: readonly string[],
  parse: (text: string) => Result<ParsedAddress, string>,
  io: CliIo,
): string[] | null {
  const parsed = parseAddresses(texts, parse);
  if (!parsed.ok) io.err(`Error: ${parsed.error}`);
  return parsed.ok ? parsed.value : null;
}

/** Prints a read's answer (JSON with --json, else `text`), or reports its error with the error's exit code. */
async function printAnswer<T>(
  args: CliArgs,
  io: CliIo,
  read: EngineResult<Answered<T>>,
  text: (value: T) => string,
): Promise<number> {
  const r = await read;
  if (!r.ok) return reportError(r.error, io);
  const value = reportAnswered(r.value, io);
  io.out(args.json ? JSON.stringify(value) : text(value));
  return EXIT.ok;
}

export const membersCommand: AgentCommand = (args, id, monitor, io) =>
  printAnswer(args, io, monitor.members(id), membersTable);

/** Runs `nodes`: the client nodes (JSON: the NomadNode list). */
export const nodesCommand: AgentCommand = (args, id, monitor, io) =>
  printAnswer(args, io, monitor.nodes(id), nodesTable);

export const selfCommand: AgentCommand = (args, id, monitor, io) =>
  printAnswer(args, io, monitor.self(id), selfText);

/** Runs `servers` (read) or `servers --set ADDR...` (replace, then re-read). Bad addresses exit 64. */
export const serversCommand: AgentCommand = async (args, id, monitor, io) => {
  if (!args.set) return printAnswer(args, io, monitor.servers(id), (servers) => servers.join('\n'));
  const addresses = sentAddresses(args.positionals, parseServerAddress, io);
  if (addresses === null) return EXIT.usage;
  return printAnswer(
    args,
    io,
    monitor.setServers(id, addresses),
    (set) =>
      `Servers before: ${set.before.join(', ') || '(none)'}\nServers now:    ${set.after.join(', ') || '(none)'}`,
  );
};
