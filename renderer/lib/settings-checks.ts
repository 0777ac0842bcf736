/**
 * Field errors of the settings draft, in plain words, keyed by path ("clusters.0.addresses.1"). The zod schema
 * the core uses is the base (its technical messages are reworded per field); on top come the checks the
 * schema leaves to the core but an operator wants to see while typing: each agent address an http(s) URL
 * without credentials, unique cluster ids, a client certificate only with its key (Nomad's own rule), a token
 * variable or file actually named, no event type (node pool, node class) both "only" and "never". Pure.
 */
import { normaliseBaseUrl } from '../../common/addresses.js';
import type { ClusterSettings, Settings } from '../../common/settings-schema.js';
import { ClusterSettingsSchema, SettingsSchema } from '../../common/settings-schema.js';

/** Plain messages for range and format errors of known fields (matched on the path's last part). */
const FRIENDLY: Record<string, string> = {
  name: 'Give the cluster a name (at most 100 characters).',
  id: 'Use 1 to 64 letters, digits, dots, dashes or underscores.',
  addresses: 'Give at least one agent address (at most 16).',
  pollIntervalMs: 'Poll every 0.5 to 3,600 seconds.',
  confirmPolls: 'Between 1 and 20 polls.',
  recoveryPolls: 'Between 1 and 20 polls.',
  reminderIntervalMs: 'Between 0 (never) and 10,080 minutes (a week).',
  staleAfterIntervals: 'Between 2 and 100 poll intervals.',
  start: 'A 24-hour time as HH:MM, e.g. 22:00.',
  end: 'A 24-hour time as HH:MM, e.g. 07:00.',
};

/** Errors from the schema, reworded where a field has a plain message. */
function schemaErrors(draft: unknown): Record<string, string> {
  const parsed = SettingsSchema.safeParse(draft);
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String);
    const last = path[path.length - 1] ?? '';
    errors[path.join('.')] ??= FRIENDLY[last] ?? issue.message;
  }
  return errors;
}

/** Why `address` is not a usable agent URL, or null when it is. */
export function agentUrlProblem(address: string): string | null {
  const text = address.trim();
  if (text !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    // The usual slip: host:port without a scheme. Suggest the fix (unless it would echo credentials).
    const example = text.includes('@') ? '' : `, e.g. http://${text}`;
    return `Start with http:// or https://${example}.`;
  }
  const normalised = normaliseBaseUrl(address);
  if (!normalised.ok) return `${normalised.error}.`;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(address.trim()))
    return 'Put credentials in the HTTP basic auth field, not in the URL.';
  return null;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The checks beyond the schema (the draft has the schema's shape; values may be out of range). */
function extraErrors(settings: Settings): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Map<string, number>();
  settings.clusters.forEach((cluster, i) => {
    const at = (field: string): string => `clusters.${i}.${field}`;
    if (seen.has(cluster.id)) errors[at('id')] = 'Another cluster already uses this id.';
    seen.set(cluster.id, i);
    cluster.addresses.forEach((address, j) => {
      const problem = agentUrlProblem(address);
      if (problem) errors[at(`addresses.${j}`)] = problem;
    });
    const { clientCert, clientKey, clientKeyRef } = cluster.tls;
    // A key from the environment (clientKeyRef, inline PEM) counts: its value is never shown here.
    if (Boolean(clientCert?.trim()) !== (Boolean(clientKey?.trim()) || clientKeyRef !== undefined)) {
      const missing = clientCert?.trim() ? 'tls.clientKey' : 'tls.clientCert';
      errors[at(missing)] = 'Both client cert and client key must be provided.';
    }
    const token = cluster.token;
    if (token.source === 'env' && !ENV_NAME.test(token.variable))
      errors[at('token.variable')] = 'Name an environment variable, e.g. NOMAD_TOKEN.';
    if (token.source === 'file' && token.path.trim() === '')
      errors[at('token.path')] = 'Give the path of the file holding the token.';
    const rules = cluster.notifications;
    const lists: [{ only: readonly string[]; never: readonly string[] } | undefined, string, string][] = [
      [rules, 'notifications.never', 'An event'],
      [rules.nodePools, 'notifications.nodePools.never', 'A node pool'],
      [rules.nodeClasses, 'notifications.nodeClasses.never', 'A node class'],
    ];
    for (const [filter, path, what] of lists) {
      const twice = filter?.only.filter((name) => filter.never.includes(name)) ?? [];
      if (twice.length > 0)
        errors[at(path)] = `${what} cannot be both "only" and "never": ${twice.join(', ')}.`;
    }
  });
  return errors;
}

/** All field errors of a draft (typed, though values may be out of range); empty when it can be saved. */
export function settingsErrors(draft: Settings): Record<string, string> {
  return { ...extraErrors(draft), ...schemaErrors(draft) };
}

/** A new cluster for the form: `id` and `name`, a local agent address, every other field the schema's default. */
export function newCluster(id: string, name: string): ClusterSettings {
  return ClusterSettingsSchema.parse({ id, name, addresses: ['http://127.0.0.1:4646'] });
}
