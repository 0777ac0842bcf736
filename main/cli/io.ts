/** The CLI's output ports. stdout carries only results (pure JSON with --json); the rest is stderr. */
import { escapeTerminal } from './format.js';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The standard process streams (one line each call). Everything is escaped on the way out (escapeTerminal): text
 * from Nomad (names, statuses, tags, error bodies) never reaches the terminal as control characters.
 */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${escapeTerminal(text)}\n`),
  err: (text) => process.stderr.write(`${escapeTerminal(text)}\n`),
  env: process.env,
};
