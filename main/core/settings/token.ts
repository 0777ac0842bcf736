/**
 * Turns a cluster's TokenRef (where its ACL token lives) into the token itself, at connect time. Tokens are
 * never stored in settings.json and never appear in these error messages.
 */
import { err, ok, type Result } from '../../../common/result.js';
import type { TokenRef } from '../../../common/settings-schema.js';
import { boundedReader, fileErrorText, TOKEN_FILE_LIMITS } from '../files/index.js';
import { describeError } from './atomic-write.js';
import type { ConfigEnv } from './paths.js';

/** How token files are read everywhere (app and CLI): by the rules of files/bounded-read.ts. */
export function readTokenFile(path: string): Promise<string> {
  return boundedReader.read(path, TOKEN_FILE_LIMITS);
}

export interface TokenSources {
  env: ConfigEnv;
  readFile: (path: string) => Promise<string>;
  /** The desktop app's secret store (Electron safeStorage), keyed by cluster id; absent in the CLI (an error). */
  keychain?: { get(clusterId: string): Promise<string | undefined> };
  /** The cluster whose token is wanted (keychain key, and named in errors). */
  clusterId: string;
}

/**
 * Resolves a TokenRef: `none` → undefined; `env` → the variable's value; `file` → its first line, trimmed;
 * `keychain` → the secret store's entry for the cluster. A reference that points at nothing is an error
 * (a clear "NOMAD_TOKEN is not set" beats a puzzling 403 later).
 */
export async function resolveToken(
  ref: TokenRef,
  src: TokenSources,
): Promise<Result<string | undefined, string>> {
  const fail = (why: string): Result<never, string> => err(`cluster ${src.clusterId}: ${why}`);
  switch (ref.source) {
    case 'none':
      return ok(undefined);
    case 'env': {
      const value = src.env[ref.variable]?.trim();
      return value ? ok(value) : fail(`environment variable ${ref.variable} is not set`);
    }
    case 'file': {
      let text: string;
      try {
        text = await src.readFile(ref.path);
      } catch (e) {
        return fail(`could not read token file ${ref.path}: ${fileErrorText(e)}`);
      }
      const first = (text.split(/\r?\n/, 1)[0] ?? '').trim();
      return first ? ok(first) : fail(`token file ${ref.path} is empty`);
    }
    case 'keychain': {
      if (src.keychain === undefined)
        return fail("its token is in the desktop app's keychain, which is not available here");
      let value: string | undefined;
      try {
        value = await src.keychain.get(src.clusterId);
      } catch (e) {
        return fail(`could not read its token from the keychain: ${describeError(e)}`);
      }
      return value ? ok(value) : fail('no token is stored in the keychain');
    }
  }
}
