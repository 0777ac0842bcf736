/**
 * The one copy of address parsing, shared by the window (validation as you type), the Nomad client and the CLI
 * (validation before calling Nomad):
 *   - join targets (serf, default port 4648: memberlist's Join) and a client's server list (RPC, default port
 *     4647: `resolveServer` in Nomad's client/rpc.go): IPv4, IPv6 (bare, `[v6]`, `[v6]:port`, optional
 *     `%zone`) and host names; ports 1-65535;
 *   - agent base URLs (http:// or https://, like NOMAD_ADDR) and credential redaction for messages.
 * Host names follow Go's resolver (net.isDomainName): letters, digits, `_` and inner `-`, not all-numeric, so
 * what is accepted here is what Nomad can resolve. Pure: no Node built-ins (URL is a web-platform global).
 */
import { err, ok, type Result } from './result.js';

/** Nomad's default serf (gossip) port: where `nomad server join` connects. */
export const DEFAULT_SERF_PORT = 4648;
/** Nomad's default RPC port: what a client's server list and `/v1/status/leader` name. */
export const DEFAULT_RPC_PORT = 4647;

/** A validated `host:port` target. */
export interface ParsedAddress {
  /** Host as typed, IPv6 without brackets (zone kept). */
  host: string;
  port: number;
  kind: 'ipv4' | 'ipv6' | 'hostname';
  /** `JoinHostPort(host, port)`, IPv6 bracketed: what is sent to Nomad and shown. */
  display: string;
}

/** True for a dotted-quad IPv4 address with each part 0-255 and no leading zeros. */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/**
 * True for an IPv6 literal without brackets: full, `::`-compressed, or with a trailing IPv4 part, optionally
 * followed by a `%zone` (link-local addresses; Go's resolver accepts them).
 */
export function isIPv6(text: string): boolean {
  const zoneAt = text.indexOf('%');
  const bare = zoneAt < 0 ? text : text.slice(0, zoneAt);
  if (zoneAt >= 0 && !/^[A-Za-z0-9_.-]+$/.test(text.slice(zoneAt + 1))) return false;
  if (!/^[0-9A-Fa-f:.]+$/.test(bare) || !bare.includes(':')) return false;
  const halves = bare.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string): string[] => (half === '' ? [] : half.split(':'));
  const all = [...groups(halves[0] ?? ''), ...(halves.length === 2 ? groups(halves[1] ?? '') : [])];
  let count = 0;
  for (const [i, group] of all.entries()) {
    if (i === all.length - 1 && group.includes('.')) {
      if (!isIPv4(group)) return false;
      count += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(group)) count += 1;
    else return false;
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

/**
 * True for a name Go's resolver accepts (net.isDomainName): labels of letters, digits and `_` with inner
 * dashes, at most 63 characters each and 253 in all, an optional trailing dot, and not all-numeric
 * (`1.2.3` or `300.1.1.1` is a malformed IPv4 address, not a name).
 */
export function isHostname(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  const labels = text.endsWith('.') ? text.slice(0, -1).split('.') : text.split('.');
  if (labels.every((l) => /^\d+$/.test(l))) return false;
  return labels.every((l) => /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(l));
}

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

/** Go's net.JoinHostPort: brackets the host when it contains a colon (IPv6), so the port stays unambiguous. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Splits `[v6]`, `[v6]:port`, `host:port`, `host` or a bare IPv6 literal into host and port text. */
function splitHostPort(text: string): Result<{ host: string; portText: string | null }, string> {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return err(`"${text}": missing "]" after the IPv6 address.`);
    const host = text.slice(1, close);
    const rest = text.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return err(`"${text}": expected ":port" after "]".`);
    if (!isIPv6(host)) return err(`"${host}" is not an IPv6 address.`);
    return ok({ host, portText: rest === '' ? null : rest.slice(1) });
  }
  const colons = (text.match(/:/g) ?? []).length;
  if (colons === 1) {
    const [host, portText] = text.split(':') as [string, string];
    return ok({ host, portText });
  }
  // No colon: a host alone. Several: only a bare IPv6 literal makes sense (Nomad adds the default port).
  return ok({ host: text, portText: null });
}

/**
 * Parses one `host[:port]` address, using `defaultPort` when none is given. Shared by the join and
 * server-address validators, which differ only in their default port. The error is one plain sentence.
 */
export function parseAddress(input: string, defaultPort: number): Result<ParsedAddress, string> {
  const text = input.trim();
  if (text === '') return err('Enter an address.');
  if (text.length > 300) return err('The address is too long.');
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text))
    return err(`"${redactUserinfo(text)}" is a URL: give host[:port], not the HTTP API URL.`);
  const split = splitHostPort(text);
  if (!split.ok) return split;
  const { host, portText } = split.value;
  const port = portText === null ? defaultPort : parsePort(portText);
  if (port === null) return err(`"${portText ?? ''}" is not a port (1-65535).`);
  const kind = isIPv4(host) ? 'ipv4' : isIPv6(host) ? 'ipv6' : isHostname(host) ? 'hostname' : null;
  if (!kind) {
    const hint = host.includes(':') ? ' (write IPv6 with a port as [address]:port)' : '';
    return err(`"${host}" is not an IPv4 address, an IPv6 address or a host name${hint}.`);
  }
  return ok({ host, port, kind, display: joinHostPort(host, port) });
}

/** Parses a `nomad server join` target (serf address; default port 4648). */
export function parseJoinAddress(input: string): Result<ParsedAddress, string> {
  return parseAddress(input, DEFAULT_SERF_PORT);
}

/** Parses a client's server-list entry (`PUT /v1/agent/servers`, RPC; default port 4647). */
export function parseServerAddress(input: string): Result<ParsedAddress, string> {
  return parseAddress(input, DEFAULT_RPC_PORT);
}

/** Parses every address (each as sent to Nomad: its `display`), or returns the first bad one's error. */
export function parseAddresses(
  texts: readonly string[],
  parse: (text: string) => Result<ParsedAddress, string>,
): Result<string[], string> {
  const displays: string[] = [];
  for (const text of texts) {
    const parsed = parse(text);
    if (!parsed.ok) return parsed;
    displays.push(parsed.value.display);
  }
  return ok(displays);
}

/**
 * Splits what an operator typed or pasted into address candidates, on commas and new lines only: an entry with
 * a space in it (`not a host!`) stays one entry, so it is refused as one bad address rather than read as three.
 */
export function splitAddressList(text: string): string[] {
  return text
    .split(/[,\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Normalises an agent base URL like NOMAD_ADDR: requires http:// or https://, drops userinfo, query, fragment
 * and trailing slashes. Returns e.g. `https://10.0.0.8:4646` or `http://[::1]:4646/prefix`.
 */
export function normaliseBaseUrl(input: string): Result<string, string> {
  const text = input.trim();
  if (text === '') return err('The agent address is empty');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err(`"${redactUserinfo(text)}" is not a URL (expected e.g. http://127.0.0.1:4646)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return err(`"${url.protocol}" is not supported: the agent address must start with http:// or https://`);
  }
  if (url.hostname === '') return err(`"${redactUserinfo(text)}" has no host`);
  const path = url.pathname.replace(/\/+$/, '');
  return ok(`${url.protocol}//${url.host}${path}`);
}

/** Hides `user:password@` in a URL-ish string so credentials never reach a message or a log. */
export function redactUserinfo(text: string): string {
  // Up to the LAST "@" before the path: a password may itself contain "@".
  return text.replace(/\/\/[^/?#]*@/, '//***@');
}
