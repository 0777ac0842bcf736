/**
 * Command-line parsing for `nomad-tray`: commands, flags (`--flag value` and `--flag=value`), validation of
 * URLs, durations and counts. Pure: no I/O, no dependency on the core. Every problem is one sentence, which the
 * entry point prints on stderr with exit code 64.
 */
import type { Result } from '../../common/result.js';
import { err, ok } from '../../common/result.js';
import { redactUserinfo } from '../../common/addresses.js';
import { parseDuration } from './duration.js';

export const COMMANDS = [
  'status',
  'watch',
  'members',
  'nodes',
  'self',
  'servers',
  'join',
  'force-leave',
  'history',
] as const;
export type CommandName = (typeof COMMANDS)[number];

/** Connection flags, like the nomad CLI's (NOMAD_* variables fill what is not given). */
export interface ConnectionFlags {
  addresses: string[];
  token?: string;
  region?: string;
  caCert?: string;
  clientCert?: string;
  clientKey?: string;
  tlsServerName?: string;
  tlsSkipVerify?: boolean;
}

export interface CliArgs {
  command: CommandName | null;
  help: boolean;
  configDir?: string;
  /** `--cluster ID`: which configured cluster the command targets. */
  cluster?: string;
  json: boolean;
  markdown: boolean;
  /** `status --format waybar|xbar`: one status-bar document instead of the table. */
  format?: StatusFormat;
  notify: boolean;
  prune: boolean;
  /** force-leave: allow an alive member. */
  force: boolean;
  set: boolean;
  intervalMs?: number;
  confirm?: number;
  conn: ConnectionFlags;
  positionals: string[];
}

/** Machine formats of `status` for status bars. */
export const STATUS_FORMATS = ['waybar', 'xbar'] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

type FlagKind = 'bool' | 'value';
const CONNECTION_FLAGS: Record<string, FlagKind> = {
  address: 'value',
  token: 'value',
  region: 'value',
  'ca-cert': 'value',
  'client-cert': 'value',
  'client-key': 'value',
  'tls-server-name': 'value',
  'tls-skip-verify': 'bool',
  cluster: 'value',
};
const COMMON: Record<string, FlagKind> = { config: 'value', help: 'bool' };

/** Flags each command accepts (besides --config and --help). */
const COMMAND_FLAGS: Record<CommandName, Record<string, FlagKind>> = {
  status: { ...CONNECTION_FLAGS, json: 'bool', format: 'value' },
  watch: { ...CONNECTION_FLAGS, json: 'bool', interval: 'value', confirm: 'value', notify: 'bool' },
  members: { ...CONNECTION_FLAGS, json: 'bool' },
  nodes: { ...CONNECTION_FLAGS, json: 'bool' },
  self: { ...CONNECTION_FLAGS, json: 'bool' },
  servers: { ...CONNECTION_FLAGS, json: 'bool', set: 'bool' },
  join: { ...CONNECTION_FLAGS, json: 'bool' },
  'force-leave': { ...CONNECTION_FLAGS, json: 'bool', prune: 'bool', force: 'bool' },
  history: { markdown: 'bool', json: 'bool' },
};

/** Positional argument counts: [min, max]. */
const POSITIONALS: Record<CommandName, [number, number, string]> = {
  status: [0, 0, ''],
  watch: [0, 0, ''],
  members: [0, 0, ''],
  nodes: [0, 0, ''],
  self: [0, 0, ''],
  servers: [0, 16, 'ADDR'],
  join: [1, 16, 'ADDR'],
  'force-leave': [1, 1, 'NODE'],
  history: [0, 0, ''],
};

function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}

/** Checks an agent URL the way NOMAD_ADDR is checked: http:// or https:// with a host. */
export function checkAgentUrl(text: string): Result<string, string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err(
      `--address "${redactUserinfo(text)}" is not a URL (expected http://host:4646 or https://host:4646)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return err(`--address "${redactUserinfo(text)}" must start with http:// or https://`);
  }
  if (url.hostname === '') return err(`--address "${redactUserinfo(text)}" has no host`);
  return ok(text);
}

function applyValue(args: CliArgs, name: string, value: string): Result<void, string> {
  switch (name) {
    case 'address': {
      const checked = checkAgentUrl(value);
      if (!checked.ok) return checked;
      args.conn.addresses.push(value);
      return ok(undefined);
    }
    case 'interval': {
      const ms = parseDuration(value);
      if (!ms.ok) return err(`--interval: ${ms.error}`);
      if (ms.value < 100) return err('--interval must be at least 100ms');
      args.intervalMs = ms.value;
      return ok(undefined);
    }
    case 'confirm': {
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 20) {
        return err(`--confirm "${value}" must be a whole number from 1 to 20`);
      }
      args.confirm = Number(value);
      return ok(undefined);
    }
    case 'config':
      args.configDir = value;
      return ok(undefined);
    case 'format': {
      const format = STATUS_FORMATS.find((f) => f === value);
      if (format === undefined)
        return err(`--format "${value}" must be one of: ${STATUS_FORMATS.join(', ')}`);
      args.format = format;
      return ok(undefined);
    }
    case 'cluster':
      args.cluster = value;
      return ok(undefined);
    case 'token':
      args.conn.token = value;
      return ok(undefined);
    case 'region':
      args.conn.region = value;
      return ok(undefined);
    case 'ca-cert':
      args.conn.caCert = value;
      return ok(undefined);
    case 'client-cert':
      args.conn.clientCert = value;
      return ok(undefined);
    case 'client-key':
      args.conn.clientKey = value;
      return ok(undefined);
    case 'tls-server-name':
      args.conn.tlsServerName = value;
      return ok(undefined);
    default:
      return err(`unknown flag --${name}`);
  }
}

function applyBool(args: CliArgs, name: string): void {
  if (name === 'help') args.help = true;
  else if (name === 'json') args.json = true;
  else if (name === 'markdown') args.markdown = true;
  else if (name === 'notify') args.notify = true;
  else if (name === 'prune') args.prune = true;
  else if (name === 'force') args.force = true;
  else if (name === 'set') args.set = true;
  else if (name === 'tls-skip-verify') args.conn.tlsSkipVerify = true;
}

/** Parses argv (without `node script`); the error is one line for stderr (exit 64). */
export function parseArgs(argv: readonly string[]): Result<CliArgs, string> {
  const args: CliArgs = {
    command: null,
    help: false,
    json: false,
    markdown: false,
    notify: false,
    prune: false,
    force: false,
    set: false,
    conn: { addresses: [] },
    positionals: [],
  };
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (onlyPositionals || !word.startsWith('-') || word === '-') {
      if (args.command === null && !onlyPositionals) {
        if (!isCommand(word)) return err(`unknown command "${word}" (try --help)`);
        args.command = word;
      } else args.positionals.push(word);
      continue;
    }
    if (word === '--') {
      onlyPositionals = true;
      continue;
    }
    if (word === '-h') {
      args.help = true;
      continue;
    }
    const eq = word.indexOf('=');
    const name = (eq < 0 ? word : word.slice(0, eq)).replace(/^--?/, '');
    const allowed = { ...COMMON, ...(args.command ? COMMAND_FLAGS[args.command] : CONNECTION_FLAGS) };
    const kind = allowed[name];
    if (kind === undefined) {
      return err(
        `unknown flag ${word.slice(0, eq < 0 ? undefined : eq)}${args.command ? ` for "${args.command}"` : ''}`,
      );
    }
    if (kind === 'bool') {
      if (eq >= 0) return err(`flag --${name} takes no value`);
      applyBool(args, name);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = word.slice(eq + 1);
    else {
      value = argv[i + 1];
      i += 1;
    }
    if (value === undefined || value === '') return err(`flag --${name} needs a value`);
    const applied = applyValue(args, name, value);
    if (!applied.ok) return applied;
  }
  if (args.help) return ok(args);
  if (args.command === null) return err('missing command (try --help)');
  const [min, max, what] = POSITIONALS[args.command];
  if (args.command === 'servers' && args.set && args.positionals.length === 0) {
    return err('servers --set needs at least one ADDR (host:port)');
  }
  if (args.command === 'servers' && !args.set && args.positionals.length > 0) {
    return err(`servers takes addresses only with --set (got "${args.positionals[0]}")`);
  }
  if (args.positionals.length < min) return err(`${args.command} needs ${what} (try --help)`);
  if (args.positionals.length > max) {
    return err(`unexpected argument "${args.positionals[max] ?? ''}" for "${args.command}"`);
  }
  return ok(args);
}

/** The `--help` text. */
export const USAGE = `Usage: nomad-tray <command> [flags]

Commands:
  status [--json] [--format waybar|xbar]
                                    Poll every enabled cluster once (or --address URL ad hoc) and print its state
                                    (--format: one status-bar document, Waybar JSON or xbar/SwiftBar text)
  watch [--json] [--interval 10s] [--confirm 2] [--notify]
                                    Keep polling; print one line per confirmed event (JSON Lines with --json)
  members [--json]                  Gossip members, like \`nomad server members\`
  nodes [--json]                    Client nodes, like \`nomad node status\` (needs node:read)
  self [--json]                     The agent's /v1/agent/self summary
  servers [--set ADDR...]           A client agent's server list (replace it with --set)
  join ADDR...                      Join the agent to other servers (serf addresses, default port 4648)
  force-leave NODE [--prune] [--force]
                                    Force a member to leave (full name, or a short name matching one member;
                                    an alive member needs --force: it would only go leaving and rejoin)
  history [--markdown] [--json]     Recorded events

Flags:
  --config DIR                      Settings directory (default: NOMAD_TRAY_CONFIG_DIR, else the app's)
  --cluster ID                      Target one configured cluster (default: all for status/watch, else the first)
  --address URL                     Ad hoc agent URL (repeatable; failover order); NOMAD_ADDR is the default
  --token, --region, --ca-cert, --client-cert, --client-key, --tls-server-name, --tls-skip-verify
                                    Like the nomad CLI; NOMAD_* variables are the defaults
  -h, --help                        This help

Exit codes: 0 healthy/done, 1 degraded/critical or Nomad refused, 2 unreachable/forbidden/TLS error, 64 usage,
78 the settings file cannot be used.
`;
