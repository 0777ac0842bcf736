/**
 * Diagnoses that say what is wrong, through the real CLI against the simulator: scheme mismatch both ways with
 * the fix, no token vs refused token vs a token lacking the capability the call needs, a genuine mTLS refusal
 * still named as such, and a NOMAD_ADDR without a scheme as a one-line usage error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forbiddenDiagnosis } from '../../main/core/nomad/diagnose.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { cleanEnv, runCli } from './run-cli.js';

let plain: SimCluster;
let secure: SimCluster;
let acl: SimCluster;
beforeAll(async () => {
  plain = await startCluster({ serversPerRegion: 1 });
  secure = await startCluster({ serversPerRegion: 1, tls: { mtls: true } });
  acl = await startCluster({ serversPerRegion: 1, clients: 1, acl: true });
});
afterAll(async () => {
  await Promise.all([plain.close(), secure.close(), acl.close()]);
});

const tokens = (): NonNullable<SimCluster['tokens']> => acl.tokens!;

// One CLI process at a time with generous bounds: each is a full node + tsx start (slow on a loaded machine).
describe('nomad-tray diagnoses', { timeout: 60_000 }, () => {
  it('https:// to a plain-HTTP agent: "this agent speaks plain HTTP; use http://…", exit 2', async () => {
    const url = plain.agent('server-1').url;
    const r = await runCli(['members', '--address', url.replace('http://', 'https://')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`Error (tls): This agent speaks plain HTTP; use ${url}`);
  });

  it('http:// to an HTTPS port: "this agent speaks HTTPS; use https://…", exit 2', async () => {
    const url = secure.agent('server-1').url;
    const r = await runCli(['status', '--json', '--address', url.replace('https://', 'http://')]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { clusters: Array<{ error: { kind: string; message: string } }> };
    expect(doc.clusters[0]?.error).toEqual({
      kind: 'tls',
      message: `This agent speaks HTTPS; use ${url} (with its CA certificate)`,
    });
  });

  it('https:// to an mTLS agent without a client certificate is still an mTLS refusal', async () => {
    const r = await runCli([
      'members',
      '--address',
      secure.agent('server-1').url,
      '--ca-cert',
      secure.tls!.caFile,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('requires a client certificate');
  });

  it('ACLs on and no token set: says no token is set and what the call needs', async () => {
    const r = await runCli(['members', '--address', acl.agent('server-1').url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error \(forbidden\): No ACL token set: .*needs node:read/);
    // status (and so the status bars) word the state the same way: never "refused" without a token
    const status = await runCli(['status', '--address', acl.agent('server-1').url]);
    expect(status.code).toBe(2);
    expect(status.stdout.split('\n')[0]).toMatch(/: forbidden \(no ACL token set \(403\); /);
    expect(status.stdout).not.toContain('refused');
  });

  it('an unknown token: says it was refused, not that it lacks a capability', async () => {
    const r = await runCli(['members', '--address', acl.agent('server-1').url, '--token', tokens().unknown]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error \(forbidden\): The ACL token was refused/);
    expect(r.stderr).not.toContain('lacks');
    const status = await runCli([
      'status',
      '--address',
      acl.agent('server-1').url,
      '--token',
      tokens().unknown,
    ]);
    expect(status.stdout.split('\n')[0]).toMatch(/: forbidden \(the ACL token was refused \(403\); /);
  });

  it.each([
    ['members', 'agentRead', 'node:read'],
    ['self', 'nodeRead', 'agent:read'],
  ] as const)('%s with a %s token: "lacks %s"', async (command, token, capability) => {
    const r = await runCli([command, '--address', acl.agent('server-1').url, '--token', tokens()[token]]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^Error \\(forbidden\\): The ACL token lacks ${capability} `));
  });

  it('servers --set with a read-only token: "lacks agent:write"', async () => {
    const server = acl.servers()[0]!.rpcAddr;
    const r = await runCli([
      'servers',
      '--set',
      server,
      '--address',
      acl.agent('client-1').url,
      '--token',
      tokens().agentRead,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('The ACL token lacks agent:write');
  });

  it('NOMAD_ADDR without a scheme: exit 64 and exactly one line', async () => {
    const r = await runCli(['status'], cleanEnv({ NOMAD_ADDR: '127.0.0.1:4646' }));
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'nomad-tray: NOMAD_ADDR "127.0.0.1:4646" is not a URL: write it with its scheme, e.g. http://127.0.0.1:4646 or https://127.0.0.1:4646\n',
    );
  });
});

describe('forbiddenDiagnosis, row by row', () => {
  const denied = { kind: 'forbidden' as const, message: 'x', status: 403, body: 'Permission denied' };
  it.each([
    ['no-token', 'no-token', /^No ACL token set/],
    ['refused', 'token-refused', /^The ACL token was refused/],
    ['valid', 'lacks-capability', /^The ACL token lacks agent:write/],
    ['unknown', undefined, /refused or lacks agent:write$/],
  ] as const)('token check %s → %s', (check, reason, message) => {
    const d = forbiddenDiagnosis(denied, check, 'agent:write');
    expect(d.aclReason).toBe(reason);
    expect(d.capability).toBe('agent:write');
    expect(d.message).toMatch(message);
    expect(d.kind).toBe('forbidden');
  });
});
