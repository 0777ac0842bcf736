/**
 * The browser shell's request checks, pure so each rule is unit-tested: DNS-rebinding defence (Host must be our
 * loopback address and port), same-origin only (Origin, when present, must be ours), and the per-launch bearer
 * token, compared in constant time. The token is only ever read from the Authorization header.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** The Host values the server answers to for `port`. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `[::1]:${port}`, `localhost:${port}`];
}

/** True when the Host header names this server exactly (no other name, no other port). */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return allowedHosts(port).includes(host.toLowerCase());
}

/** True when there is no Origin header, or it is this server's own origin. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** True when the Authorization header is exactly `Bearer <token>` (constant-time on equal-length digests). */
export function hasBearer(authorization: string | undefined, token: string): boolean {
  if (authorization === undefined) return false;
  const match = /^Bearer ([A-Za-z0-9_-]{1,512})$/.exec(authorization);
  const given = match?.[1] ?? '';
  const same = timingSafeEqual(digest(given), digest(token));
  return match !== null && same;
}
