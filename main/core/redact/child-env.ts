/**
 * Secrets never reach a child process (browser opener, notify-send and other notifier helpers, dbus-send):
 * children inherit the environment, so the variables that hold credentials are removed from it. The app keeps
 * its own copy for resolving `env` token sources; the live process.env (which Node, node-notifier and
 * Electron hand to every child) loses them at start.
 */

/** A variable named like a token, secret or password (VAULT_TOKEN, CONSUL_HTTP_AUTH, …). */
const SECRET_WORD = /(^|_)(TOKEN|SECRET|PASSWORD|PASSWD|PASS|CREDENTIALS?|AUTH)(_|$)/i;

/** True for a variable a child process must not inherit (NOMAD_* variables are all Nomad Tray's own). Pure. */
export function isSecretEnvName(name: string): boolean {
  return name.startsWith('NOMAD_') || SECRET_WORD.test(name);
}

/** A copy of `env` without the secret variables, for a child process. Pure. */
export function childEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    if (value !== undefined && !isSecretEnvName(name)) out[name] = value;
  return out;
}

/**
 * Returns a frozen copy of `live` (what the app reads its NOMAD_* settings and env tokens from) and deletes
 * the secret variables from `live` itself, so every child started later, by any library, inherits none.
 */
export function keepSecretsFromChildren(
  live: Record<string, string | undefined>,
): Readonly<Record<string, string | undefined>> {
  const own = Object.freeze({ ...live });
  for (const name of Object.keys(live)) if (isSecretEnvName(name)) delete live[name];
  return own;
}
