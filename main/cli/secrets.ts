/**
 * The CLI's secrets and its scrubbed output: every token, basic-auth credential and `user:pass@` the CLI knows
 * (from the environment, the command line and every token it resolves) is removed from stdout, stderr and
 * history by the one shared scrubber (main/core/redact), encodings included.
 */
import { basicAuthSecrets, redact, userinfoSecrets } from '../core/redact/index.js';
import type { CliContext } from './context.js';
import type { CliIo } from './io.js';

/** A growing set of secrets (tokens are added as they are resolved). */
export interface CliSecrets {
  add(secret: string | undefined): void;
  list(): string[];
}

/** The secrets known before anything runs: NOMAD_TOKEN, NOMAD_HTTP_AUTH, `user:pass@` in NOMAD_ADDR or argv. */
export function cliSecrets(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliSecrets {
  const known = new Set<string>();
  const add = (secret: string | undefined): void => {
    const s = secret?.trim();
    if (s) known.add(s);
  };
  add(env['NOMAD_TOKEN']);
  for (const s of basicAuthSecrets(env['NOMAD_HTTP_AUTH'] ?? '')) add(s);
  for (const s of userinfoSecrets(env['NOMAD_ADDR'] ?? '')) add(s);
  argv.forEach((word, i) => {
    for (const s of userinfoSecrets(word)) add(s);
    if (word === '--token') add(argv[i + 1]);
    if (word.startsWith('--token=')) add(word.slice('--token='.length));
  });
  return { add, list: () => [...known] };
}

/** The same io with every known secret scrubbed from stdout and stderr. */
export function redactingIo(io: CliIo, secrets: CliSecrets): CliIo {
  return {
    out: (text) => io.out(redact(text, secrets.list())),
    err: (text) => io.err(redact(text, secrets.list())),
    env: io.env,
  };
}

type TokenFor = CliContext['tokenFor'];

/** A token resolver that remembers every token it hands out (so output never shows it). */
export function collectingTokens(tokenFor: TokenFor, secrets: CliSecrets): TokenFor {
  return async (cluster) => {
    const token = await tokenFor(cluster);
    if (token.ok) secrets.add(token.value);
    return token;
  };
}
