/**
 * The one secret scrubber, used by the app core (answers, push events, logs), the history (history.jsonl and
 * its Markdown export) and the CLI (stdout, stderr). A known secret is replaced with "[redacted]" wherever it
 * appears, also in the encodings an echoing server or proxy commonly uses: base64 and base64url (at any byte
 * offset, so a token inside a longer base64 text is caught too), URL-encoding and hex. A UUID right after
 * "token" / "secret" / "X-Nomad-Token" is redacted even when the secret is not known. Pure.
 */

export const REDACTED = '[redacted]';

/**
 * Shorter secrets are never scrubbed: a typed "prod" or "true" would otherwise redact cluster names and words
 * everywhere. Real Nomad tokens are 36-character UUIDs.
 */
export const MIN_SECRET_LENGTH = 8;

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const LABELLED_UUID = new RegExp(
  `\\b((?:x-nomad-)?token|secret(?:[ _-]?id)?)(["']?\\s*[:=]?\\s*["']?)${UUID}`,
  'gi',
);

/** The part of base64(prefix + secret + anything) that depends on the secret alone, for each of 3 offsets. */
function base64Windows(bytes: Buffer, encoding: 'base64' | 'base64url'): string[] {
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const text = Buffer.concat([Buffer.alloc(offset), bytes]).toString(encoding);
    out.push(text.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6)));
  }
  return out;
}

/** The secret and its common encodings (each at least MIN_SECRET_LENGTH long). Pure. */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  const bytes = Buffer.from(secret, 'utf8');
  const uri = encodeURIComponent(secret);
  const hex = bytes.toString('hex');
  const forms = new Set([
    secret,
    uri,
    uri.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    hex,
    hex.toUpperCase(),
    bytes.toString('base64'),
    bytes.toString('base64url'),
    ...base64Windows(bytes, 'base64'),
    ...base64Windows(bytes, 'base64url'),
  ]);
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regular expression for every form of every secret (longest first), cached for the last secret list. */
let cached: { key: string; pattern: RegExp | null } = { key: '', pattern: null };
function patternFor(secrets: Iterable<string>): RegExp | null {
  const list = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH).sort();
  const key = list.join('\u0000');
  if (key === cached.key) return cached.pattern;
  const forms = [...new Set(list.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  const pattern = forms.length === 0 ? null : new RegExp(forms.map(escapeRegExp).join('|'), 'g');
  cached = { key, pattern };
  return pattern;
}

/** `text` with every known secret (and its encodings) and every labelled UUID replaced by "[redacted]". */
export function redact(text: string, secrets: Iterable<string>): string {
  const pattern = patternFor(secrets);
  const out = pattern === null ? text : text.replace(pattern, REDACTED);
  return out.replace(LABELLED_UUID, `$1$2${REDACTED}`);
}

/**
 * Redacts the string leaves of a JSON-like value, never its keys (they are ids and names, data the user chose)
 * and never a leaf equal to one of `keep` (settings values such as cluster ids, which a token may happen to
 * contain). Works on leaves, not on JSON text, so a secret that looks like JSON syntax cannot break the value.
 * Returns the same object when nothing changed.
 */
export function redactValue<T>(
  value: T,
  secrets: Iterable<string>,
  keep: ReadonlySet<string> = new Set(),
): T {
  const list = [...secrets];
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return keep.has(v) ? v : redact(v, list);
    if (typeof v !== 'object' || v === null || depth > 64) return v;
    let changed = false;
    const entries = Object.entries(v).map(([key, item]): [string, unknown] => {
      const next = walk(item, depth + 1);
      if (next !== item) changed = true;
      return [key, next];
    });
    if (!changed) return v;
    // fromEntries defines own properties, so a "__proto__" key stays a plain key.
    return Array.isArray(v) ? entries.map(([, item]) => item) : Object.fromEntries(entries);
  };
  // The walk keeps the value's shape; only string contents change.
  return walk(value, 0) as T;
}

/** The secrets inside a basic-auth `user:password` (the whole pair and the password alone). Pure. */
export function basicAuthSecrets(userPassword: string): string[] {
  const colon = userPassword.indexOf(':');
  return colon < 0 ? [userPassword] : [userPassword, userPassword.slice(colon + 1)];
}

/** The `user:password` of every URL-like word in `text` (`scheme://user:pass@host`), decoded and raw. Pure. */
export function userinfoSecrets(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#\s]*)@/g)) {
    const raw = m[1] ?? '';
    out.push(...basicAuthSecrets(raw));
    try {
      out.push(...basicAuthSecrets(decodeURIComponent(raw)));
    } catch {
      // Not valid percent-encoding: the raw form is enough.
    }
  }
  return out;
}
export { childEnv, keepSecretsFromChildren } from './child-env.js';
