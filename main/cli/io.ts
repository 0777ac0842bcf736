/** The CLI's output ports and exit codes. stdout carries only results (pure JSON with --json); the rest is stderr. */
import { escapeTerminal } from './format.js';

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
export { EXIT } from '../core/nomad/index.js';

/**
 * The standard process streams (one line each call). Everything is escaped on the way out (escapeTerminal): text
 * from Nomad (names, statuses, tags, error bodies) never reaches the terminal as control characters.
 */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${escapeTerminal(text)}\n`),
  err: (text) => process.stderr.write(`${escapeTerminal(text)}\n`),
  env: process.env,
};
