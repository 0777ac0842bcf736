/**
 * Command-line parsing for `nomad-tray` on `node:util` parseArgs: commands, flags (`--flag value` and
 * `--flag=value`), which flags each command takes, validation of URLs, durations and counts. Pure: no I/O, no
 * dependency on the core. Every problem is one sentence, which the entry point prints on stderr with exit 64.
 */
import { parseArgs as parseArgv, type ParseArgsConfig } from 'node:util';
import { err, ok, type Result } from '../../common/result.js';
import { normaliseBaseUrl } from '../../common/addresses.js';
import { parseDuration } from './duration.js';

/** Machine formats of `status` for status bars. */
export const STATUS_FORMATS = ['waybar', 'xbar'] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

const STRING = { type: 'string' } as const;
const BOOLEAN = { type: 'boolean' } as const;

/** Connection flags, like the nomad CLI's; a flag's type decides whether it takes a value. */
const CONNECTION_OPTIONS = {
  address: { type: 'string', multiple: true },
  token: STRING,
  region: STRING,
  'ca-cert': STRING,
  'client-cert': STRING,
  'client-key': STRING,
  'tls-server-name': STRING,
  'tls-skip-verify': BOOLEAN,
  cluster: STRING,
} as const;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  config: STRING,
  help: { type: 'boolean', short: 'h' },
  json: BOOLEAN,
  markdown: BOOLEAN,
  format: STRING,
  interval: STRING,
  confirm: STRING,
  notify: BOOLEAN,
  set: BOOLEAN,
  prune: BOOLEAN,
  force: BOOLEAN,
} as const satisfies ParseArgsConfig['options'];
type Flag = keyof typeof OPTIONS;
const CONNECTION = Object.keys(CONNECTION_OPTIONS) as Flag[];

/**
 * Each command: the flags it takes besides --config and --help (before the command: the connection flags) and
 * how many positional arguments, [min, max, what].
 */
const COMMANDS = {
  status: { flags: [...CONNECTION, 'json', 'format'], positionals: [0, 0, ''] },
  watch: { flags: [...CONNECTION, 'json', 'interval', 'confirm', 'notify'], positionals: [0, 0, ''] },
  members: { flags: [...CONNECTION, 'json'], positionals: [0, 0, ''] },
  nodes: { flags: [...CONNECTION, 'json'], positionals: [0, 0, ''] },
  self: { flags: [...CONNECTION, 'json'], positionals: [0, 0, ''] },
  servers: { flags: [...CONNECTION, 'json', 'set'], positionals: [0, 16, 'ADDR'] },
  join: { flags: [...CONNECTION, 'json'], positionals: [1, 16, 'ADDR'] },
  'force-leave': { flags: [...CONNECTION, 'json', 'prune', 'force'], positionals: [1, 1, 'NODE'] },
  history: { flags: ['markdown', 'json'], positionals: [0, 0, ''] },
} satisfies Record<string, { flags: readonly Flag[]; positionals: [number, number, string] }>;
export type CommandName = keyof typeof COMMANDS;

function isCommand(word: string): word is CommandName {
  return Object.hasOwn(COMMANDS, word);
}

function isFlag(name: string): name is Flag {
  return Object.hasOwn(OPTIONS, name);
}

/** Checks of the flag values that are more than text: the problem with `value`, or null. */
const VALUE_CHECKS: Partial<Record<Flag, (value: string) => string | null>> = {
  // The one check of an agent URL, the one NOMAD_ADDR and the settings' addresses get.
  address: (value) => {
    const checked = normaliseBaseUrl(value);
    return checked.ok ? null : `--address: ${checked.error}`;
  },
  interval: (value) => {
    const ms = parseDuration(value);
    if (!ms.ok) return `--interval: ${ms.error}`;
    return ms.value < 100 ? '--interval must be at least 100ms' : null;
  },
  confirm: (value) =>
    /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 20
      ? null
      : `--confirm "${value}" must be a whole number from 1 to 20`,
  format: (value) =>
    STATUS_FORMATS.some((f) => f === value)
      ? null
      : `--format "${value}" must be one of: ${STATUS_FORMATS.join(', ')}`,
};

/** The parsed command line; every value passed the checks of parseArgs below. */
export type CliArgs = ReturnType<typeof cliArgs>;

/** Flag values as the commands read them (parseArgs keeps the last of a repeated flag). */
function cliArgs(command: CommandName | null, values: Record<string, unknown>, positionals: string[]) {
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const interval = typeof values['interval'] === 'string' ? parseDuration(values['interval']) : undefined;
  const confirm = text(values['confirm']);
  const addresses = values['address'];
  return {
    command,
    help: values['help'] === true,
    configDir: text(values['config']),
    /** `--cluster ID`: which configured cluster the command targets. */
    cluster: text(values['cluster']),
    json: values['json'] === true,
    markdown: values['markdown'] === true,
    /** `status --format waybar|xbar`: one status-bar document instead of the table. */
    format: STATUS_FORMATS.find((f) => f === values['format']),
    notify: values['notify'] === true,
    prune: values['prune'] === true,
    /** force-leave: allow an alive member. */
    force: values['force'] === true,
    set: values['set'] === true,
    intervalMs: interval?.ok ? interval.value : undefined,
    confirm: confirm === undefined ? undefined : Number(confirm),
    /** Connection flags, like the nomad CLI's (NOMAD_* variables fill what is not given). */
    conn: {
      addresses: Array.isArray(addresses) ? addresses.filter((a) => typeof a === 'string') : [],
      token: text(values['token']),
      region: text(values['region']),
      caCert: text(values['ca-cert']),
      clientCert: text(values['client-cert']),
      clientKey: text(values['client-key']),
      tlsServerName: text(values['tls-server-name']),
      tlsSkipVerify: values['tls-skip-verify'] === true,
    },
    positionals,
  };
}

/**
 * Reads argv (without `node script`) with `node:util` parseArgs, then holds each flag to its command: the
 * first problem in argv order is the one-line error for stderr (exit 64).
 */
export function parseArgs(argv: readonly string[]): Result<CliArgs, string> {
  const { values, tokens } = parseArgv({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  let command: CommandName | null = null;
  let afterTerminator = false;
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') afterTerminator = true;
    else if (token.kind === 'positional') {
      if (command !== null || afterTerminator) positionals.push(token.value);
      else if (isCommand(token.value)) command = token.value;
      else return err(`unknown command "${token.value}" (try --help)`);
    } else {
      const { name, rawName, value } = token;
      const allowed: readonly Flag[] = command === null ? CONNECTION : COMMANDS[command].flags;
      if (!isFlag(name) || (name !== 'config' && name !== 'help' && !allowed.includes(name))) {
        return err(`unknown flag ${rawName}${command === null ? '' : ` for "${command}"`}`);
      }
      if (OPTIONS[name].type === 'boolean') {
        if (token.inlineValue) return err(`flag --${name} takes no value`);
      } else if (value === undefined || value === '') return err(`flag --${name} needs a value`);
      else {
        const problem = VALUE_CHECKS[name]?.(value);
        if (problem) return err(problem);
      }
    }
  }
  const args = cliArgs(command, values, positionals);
  if (args.help) return ok(args);
  if (command === null) return err('missing command (try --help)');
  const [min, max, what] = COMMANDS[command].positionals;
  if (command === 'servers' && args.set && positionals.length === 0)
    return err('servers --set needs at least one ADDR (host:port)');
  if (command === 'servers' && !args.set && positionals.length > 0)
    return err(`servers takes addresses only with --set (got "${positionals[0]}")`);
  if (positionals.length < min) return err(`${command} needs ${what} (try --help)`);
  if (positionals.length > max)
    return err(`unexpected argument "${positionals[max] ?? ''}" for "${command}"`);
  return ok(args);
}

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
