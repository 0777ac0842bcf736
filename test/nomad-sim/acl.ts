/**
 * Simulated ACL system: a handful of tokens with fixed capabilities (doc §0 "ACL tokens" and Pitfall 10).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SimTokens } from './types.js';

/** The capabilities the agent endpoints check. `agent:write` implies `agent:read` (as in Nomad policies). */
export type Capability = 'node:read' | 'agent:read' | 'agent:write' | 'operator:read' | 'management';

/** Token store of one cluster; `enabled: false` means every check passes. */
export class AclStore {
  readonly tokens: SimTokens | null;
  private readonly grants = new Map<string, Set<Capability>>();
  private readonly revoked = new Map<string, Set<Capability>>();

  constructor(readonly enabled: boolean) {
    if (!enabled) {
      this.tokens = null;
      return;
    }
    this.tokens = {
      management: randomUUID(),
      nodeRead: randomUUID(),
      agentRead: randomUUID(),
      agentWrite: randomUUID(),
      operatorRead: randomUUID(),
      unknown: randomUUID(),
      jwt: fakeJwt(),
    };
    const all: Capability[] = ['node:read', 'agent:read', 'agent:write', 'operator:read', 'management'];
    this.grants.set(this.tokens.management, new Set(all));
    this.grants.set(this.tokens.nodeRead, new Set(['node:read']));
    this.grants.set(this.tokens.agentRead, new Set(['agent:read']));
    this.grants.set(this.tokens.agentWrite, new Set(['agent:read', 'agent:write']));
    this.grants.set(this.tokens.operatorRead, new Set(['operator:read']));
  }

  /** Whether `secret` (possibly '' = anonymous, which has no capability) may use `cap`. */
  allows(secret: string, cap: Capability): boolean {
    if (!this.enabled) return true;
    return this.grants.get(secret)?.has(cap) ?? false;
  }

  /** Whether `secret` is a token this cluster knows (whatever it may do). */
  knows(secret: string): boolean {
    return this.grants.has(secret);
  }

  /** Forget a token: it behaves like an unknown secret from now on. */
  revoke(secret: string): boolean {
    const grants = this.grants.get(secret);
    if (grants !== undefined) this.revoked.set(secret, grants);
    return this.grants.delete(secret);
  }

  /** Undo a revoke: the token works again with the same capabilities. */
  restore(secret: string): boolean {
    const grants = this.revoked.get(secret);
    if (grants === undefined) return false;
    this.revoked.delete(secret);
    this.grants.set(secret, grants);
    return true;
  }
}

/** Reads the token like Nomad's parseToken: X-Nomad-Token first, else `Authorization: Bearer <first word>`. */
export function readToken(headers: IncomingHttpHeaders): string {
  const direct = headers['x-nomad-token'];
  const first = Array.isArray(direct) ? direct[0] : direct;
  if (first !== undefined && first.trim() !== '') return first.trim();
  const auth = headers.authorization;
  if (auth === undefined) return '';
  const m = /^\s*bearer\s+(\S+)/i.exec(auth);
  return m?.[1] ?? '';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A JWT-shaped secret (header.claims.signature) that no key of the cluster signed. */
function fakeJwt(): string {
  const part = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const header = part({ alg: 'RS256', kid: randomUUID(), typ: 'JWT' });
  const claims = part({ nomad_namespace: 'default', nomad_job_id: 'example', nomad_task: 'web' });
  return `${header}.${claims}.${Buffer.from(randomUUID()).toString('base64url')}`;
}

/**
 * The error a server's HTTP-layer token check gives for a secret that is not a UUID (checked as workload
 * identity claims, `nomad/auth/auth.go`, wrapped in `command/agent/http.go`); null when it is a UUID, empty
 * or ACLs are off.
 */
export function claimTokenError(acl: AclStore, secret: string): string | null {
  if (!acl.enabled || secret === '' || UUID.test(secret)) return null;
  const why =
    secret.split('.').length === 3
      ? 'invalid signature: go-jose/go-jose: error in cryptographic primitive'
      : 'failed to parse signed token: go-jose/go-jose: compact JWS format must have three parts';
  return `ACL token not found or invalid workload identity: ${why}`;
}
