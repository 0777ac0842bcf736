/**
 * Pure address helpers shared by the client, the CLI and (later) the UI: Go's `net.JoinHostPort`, and
 * validators for join targets (serf, default port 4648), server targets (RPC, default 4647) and agent base
 * URLs. No Node built-ins here, so this file can move to common/ unchanged.
 */
import type { Result } from '../../../common/result.js';
import { err, ok } from '../../../common/result.js';

/** Nomad's default serf (gossip) port: the port `nomad server join` targets. */
export const DEFAULT_SERF_PORT = 4648;
/** Nomad's default RPC port: the port `PUT /v1/agent/servers` and `/v1/status/leader` use. */
export const DEFAULT_RPC_PORT = 4647;

/** A validated `host:port` target. */
export interface HostPort {
  /** Host without brackets (IPv6 literal, IPv4 literal or DNS name). */
  host: string;
  port: number;
  /** `JoinHostPort(host, port)`: what is sent to Nomad. */
  address: string;
}

/** Go's net.JoinHostPort: brackets the host when it contains a colon (IPv6), so the port stays unambiguous. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?$/;
const IPV6_CHARS = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?$/;

/** True for an IPv6 literal (no brackets); accepts `::` compression and an embedded IPv4 tail. */
export function isIpv6(host: string): boolean {
  if (!IPV6_CHARS.test(host) || !host.includes(':')) return false;
  const bare = host.split('%')[0] ?? '';
  const doubles = bare.split('::').length - 1;
  if (doubles > 1 || bare.includes(':::')) return false;
  if ((bare.startsWith(':') && !bare.startsWith('::')) || (bare.endsWith(':') && !bare.endsWith('::')))
    return false;
  const groups = bare.split(':').filter((g) => g !== '');
  const last = groups[groups.length - 1] ?? '';
  const v4Tail = last.includes('.');
  if (v4Tail && !IPV4.test(last)) return false;
  const hexGroups = v4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const width = hexGroups.length + (v4Tail ? 2 : 0);
  return doubles === 1 ? width < 8 : width === 8;
}

function parsePort(text: string, input: string): Result<number, string> {
  if (!/^\d{1,5}$/.test(text)) return err(`"${input}": the port "${text}" is not a number`);
  const port = Number(text);
  if (port < 1 || port > 65535) return err(`"${input}": the port ${port} is outside 1-65535`);
  return ok(port);
}

function checkHost(host: string, input: string): Result<string, string> {
  if (IPV4.test(host) || isIpv6(host) || HOSTNAME.test(host)) return ok(host);
  return err(`"${input}" is not an IPv4 address, an IPv6 address or a host name`);
}

/**
 * Parses `host`, `host:port`, `[ipv6]:port`, `[ipv6]` or a bare IPv6 literal, filling in `defaultPort`.
 * Shared by the join and server-address validators, which only differ in their default port.
 */
export function parseHostPort(input: string, defaultPort: number): Result<HostPort, string> {
  const text = input.trim();
  if (text === '') return err('The address is empty');
  let host: string;
  let portText: string | null = null;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return err(`"${input}": missing "]" after the IPv6 address`);
    host = text.slice(1, close);
    const rest = text.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) return err(`"${input}": expected ":port" after "]"`);
      portText = rest.slice(1);
    }
    if (!isIpv6(host)) return err(`"${input}": "${host}" is not an IPv6 address`);
  } else if (text.split(':').length > 2) {
    // Several colons without brackets: only a bare IPv6 literal makes sense (Nomad adds the default port).
    if (!isIpv6(text))
      return err(`"${input}" is not a valid address (write IPv6 with a port as [addr]:port)`);
    host = text;
  } else {
    const colon = text.indexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    portText = colon < 0 ? null : text.slice(colon + 1);
  }
  const hostOk = checkHost(host, input);
  if (!hostOk.ok) return hostOk;
  const port = portText === null ? ok(defaultPort) : parsePort(portText, input);
  if (!port.ok) return port;
  return ok({ host, port: port.value, address: joinHostPort(host, port.value) });
}

/** Validates a `nomad server join` target: a serf address, default port 4648. */
export function parseJoinAddress(input: string): Result<HostPort, string> {
  return parseHostPort(input, DEFAULT_SERF_PORT);
}

/** Validates a client's server-list entry (`PUT /v1/agent/servers`): an RPC address, default port 4647. */
export function parseServerAddress(input: string): Result<HostPort, string> {
  return parseHostPort(input, DEFAULT_RPC_PORT);
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
  return text.replace(/\/\/[^/@]*@/, '//***@');
}
