/**
 * Parsing of the addresses an operator types: join targets (serf, default port 4648) and a client's server list
 * (RPC, default port 4647). Accepts IPv4, IPv6 (bare or `[v6]:port`) and host names; ports 1-65535. Pure, shared
 * by the window (validation as you type) and the core (validation before calling Nomad).
 */
import type { Result } from './result.js';
import { err, ok } from './result.js';

/** Nomad's default serf (gossip) port: where `nomad server join` connects. */
export const DEFAULT_SERF_PORT = 4648;
/** Nomad's default RPC port: what a client's server list names. */
export const DEFAULT_RPC_PORT = 4647;

export interface ParsedAddress {
  /** Host as typed, IPv6 without brackets. */
  host: string;
  port: number;
  kind: 'ipv4' | 'ipv6' | 'hostname';
  /** `host:port`, IPv6 bracketed: what is sent to Nomad and shown. */
  display: string;
}

/** True for a dotted-quad IPv4 address with each part 0-255 and no leading zeros. */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** True for an IPv6 address (full, `::`-compressed, or with a trailing IPv4 part); no zone ids. */
export function isIPv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || !text.includes(':')) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string): string[] | null => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return false;
  const all = [...head, ...tail];
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

/** True for an RFC 1123 host name (labels of letters, digits and inner dashes; at most 253 characters). */
export function isHostname(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  const labels = text.endsWith('.') ? text.slice(0, -1).split('.') : text.split('.');
  if (labels.every((l) => /^\d+$/.test(l))) return false; // all-numeric: a malformed IPv4, not a name
  return labels.every((l) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l));
}

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

/** Joins host and port the way Go's net.JoinHostPort does (IPv6 in brackets). */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Parses one address, using `defaultPort` when none is given. The error is one plain sentence. */
export function parseAddress(input: string, defaultPort: number): Result<ParsedAddress, string> {
  const text = input.trim();
  if (text === '') return err('Enter an address.');
  if (text.length > 300) return err('The address is too long.');
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text))
    return err(`"${text}" is a URL: give host[:port], not the HTTP API URL.`);
  let host = text;
  let portText: string | null = null;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return err(`"${text}": missing "]" after the IPv6 address.`);
    host = text.slice(1, close);
    const rest = text.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) return err(`"${text}": expected ":port" after "]".`);
      portText = rest.slice(1);
    }
    if (!isIPv6(host)) return err(`"${host}" is not an IPv6 address.`);
  } else if ((text.match(/:/g) ?? []).length === 1) {
    [host, portText] = text.split(':') as [string, string];
  }
  const port = portText === null ? defaultPort : parsePort(portText);
  if (port === null) return err(`"${portText ?? ''}" is not a port (1-65535).`);
  const kind = isIPv4(host) ? 'ipv4' : isIPv6(host) ? 'ipv6' : isHostname(host) ? 'hostname' : null;
  if (!kind) return err(`"${host}" is not an IPv4 address, an IPv6 address or a host name.`);
  return ok({ host, port, kind, display: joinHostPort(host, port) });
}

/** Parses a join target (serf address; default port 4648). */
export function parseJoinAddress(input: string): Result<ParsedAddress, string> {
  return parseAddress(input, DEFAULT_SERF_PORT);
}

/** Parses a client's server address (RPC; default port 4647). */
export function parseServerAddress(input: string): Result<ParsedAddress, string> {
  return parseAddress(input, DEFAULT_RPC_PORT);
}

/** Splits what an operator typed or pasted (commas, spaces, new lines) into address candidates. */
export function splitAddressList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
