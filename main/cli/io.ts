/** The CLI's output ports and exit codes. stdout carries only results (pure JSON with --json); the rest is stderr. */

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Exit codes: 0 healthy/done, 1 degraded/critical or Nomad refused an action, 2 cannot talk to Nomad, 64 usage,
 * 78 configuration: the settings file cannot be used, or a token/CA file cannot be read (sysexits' EX_CONFIG).
 * Defined with the error-kind table that maps Nomad errors onto them.
 */
export { EXIT } from '../core/nomad/error-kinds.js';

/** The standard process streams (one line each call). */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
};
