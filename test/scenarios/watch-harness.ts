/** Runs `watch --json` as a child process against a simulator and collects its JSON lines. */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { cleanEnv, spawnCli } from '../cli/run-cli.js';
import { waitFor } from '../engine/helpers.js';

export interface WatchLine {
  time: string;
  cluster: string;
  type: string;
  member?: string;
  node?: string;
  datacenter?: string;
  count?: number;
  from?: string;
  to?: string;
  severity: string;
  message: string;
}

export interface WatchRun {
  lines: WatchLine[];
  stderr: () => string;
  /** Waits for stderr to report the given state for every cluster. */
  waitState: (state: string) => Promise<void>;
  waitLines: (n: number) => Promise<void>;
  /** Waits until the CLI has finished `n` more polls (counts NOMAD_TRAY_DEBUG poll lines on stderr). */
  waitPolls: (n: number) => Promise<void>;
  /** SIGTERM, then resolves with the exit code. */
  stop: () => Promise<number | null>;
  child: ChildProcessWithoutNullStreams;
}

/** Bound of every wait: generous, a CLI started with tsx on a busy machine can take seconds to its first poll. */
const WAIT_MS = 20_000;

/** Starts `watch --json --interval 200ms --confirm 2` with extra args (addresses, token). */
export function startWatch(extra: string[], env: Record<string, string> = {}): WatchRun {
  const child = spawnCli(
    ['watch', '--json', '--interval', '200ms', '--confirm', '2', ...extra],
    cleanEnv({ NOMAD_TRAY_DEBUG: '1', ...env }),
  );
  const lines: WatchLine[] = [];
  let buffer = '';
  let stderr = '';
  let exit: number | null | undefined;
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line.trim() !== '') lines.push(JSON.parse(line) as WatchLine);
    }
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.on('exit', (code) => (exit = code));
  const polls = (): number => stderr.split('\n').filter((l) => l.startsWith('poll: ')).length;
  const lastState = (): string | undefined =>
    stderr
      .split('\n')
      .filter((l) => l.startsWith('poll: '))
      .at(-1)
      ?.split(': ')
      .at(-1);
  return {
    lines,
    child,
    stderr: () => stderr,
    waitState: async (state) => {
      await waitFor(`state ${state}`, () => lastState() === state, WAIT_MS);
    },
    waitPolls: async (n) => {
      const target = polls() + n;
      await waitFor(`${n} more polls`, () => polls() >= target, WAIT_MS);
    },
    waitLines: async (n) => {
      await waitFor(`${n} lines (got ${lines.length})`, () => lines.length >= n, WAIT_MS);
    },
    stop: async () => {
      if (exit === undefined) child.kill('SIGTERM');
      await waitFor('exit', () => exit !== undefined, WAIT_MS);
      return exit ?? null;
    },
  };
}

/** The comparable part of a line: type, member, from → to. */
export function brief(line: WatchLine): string {
  return [
    line.type,
    line.member ?? '',
    line.from !== undefined || line.to !== undefined ? `${line.from ?? ''}->${line.to ?? ''}` : '',
  ]
    .filter((s) => s !== '')
    .join(' ');
}
