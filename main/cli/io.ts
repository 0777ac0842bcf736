/** The CLI's output ports and exit codes. stdout carries only results (pure JSON with --json); the rest is stderr. */

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Exit codes: 0 healthy/done, 1 degraded/critical or Nomad refused an action, 2 cannot talk to Nomad, 64 usage,
 * 78 the settings file cannot be used (sysexits' EX_CONFIG).
 */
export const EXIT = { ok: 0, problem: 1, unreachable: 2, usage: 64, config: 78 } as const;

/** The standard process streams (one line each call). */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
};
