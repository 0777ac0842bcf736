/**
 * Replays the corpus of real agent answers (test/corpus/*.json, see README there) through the real Nomad client,
 * the state table and the CLI: each file's answers are served by a plain HTTP server, path by path (unknown paths
 * 404 with an empty body, like Nomad's router). The sources are agent answers: where a file has no `/v1/nodes`
 * answer, the client node list (which `status` reads too) is an empty one, so the replay judges only what was
 * captured.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clusterState } from '../../main/core/monitor/index.js';
import { createNomadClient } from '../../main/core/nomad/index.js';
import type { NomadClient } from '../../main/core/nomad/index.js';
import { pollCluster } from '../../main/core/poller/snapshot.js';
import { runInProcess } from '../cli/in-process.js';

const DIR = path.dirname(fileURLToPath(import.meta.url));

const CorpusFile = z.object({
  source: z.array(z.string().url()).min(1),
  nomadVersion: z.string().min(1),
  note: z.string(),
  filled: z.array(z.string()),
  answers: z
    .array(
      z.object({
        path: z.string().startsWith('/v1/'),
        status: z.number().int(),
        contentType: z.string().optional(),
        body: z.unknown(),
      }),
    )
    .min(1),
});
type Corpus = z.infer<typeof CorpusFile>;

const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const corpus = new Map<string, Corpus>(
  files.map((f) => [f, CorpusFile.parse(JSON.parse(readFileSync(path.join(DIR, f), 'utf8')))]),
);

const servers: http.Server[] = [];
const urls = new Map<string, string>();

/** Serves one corpus file: JSON bodies as Nomad writes them (compact), plain-text and empty bodies verbatim. */
function serve(c: Corpus): Promise<string> {
  const byPath = new Map(c.answers.map((a) => [a.path, a]));
  const srv = http.createServer((req, res) => {
    const at = (req.url ?? '/').split('?')[0] ?? '/';
    const a = byPath.get(at);
    if (a === undefined && at === '/v1/nodes') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Nomad-Index': '1', 'Content-Length': '2' });
      res.end('[]');
      return;
    }
    if (a === undefined) {
      res.writeHead(404, { 'Content-Length': '0' });
      res.end();
      return;
    }
    const raw = typeof a.body === 'string' && (a.status >= 400 || a.contentType !== undefined);
    const body = raw ? (a.body as string) : JSON.stringify(a.body);
    const type = a.contentType ?? (raw ? undefined : 'application/json');
    res.writeHead(a.status, {
      ...(type !== undefined && body !== '' ? { 'Content-Type': type } : {}),
      'Content-Length': String(Buffer.byteLength(body)),
    });
    res.end(body);
  });
  servers.push(srv);
  return new Promise((resolve) =>
    srv.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(srv.address() as AddressInfo).port}`)),
  );
}

beforeAll(async () => {
  for (const [name, c] of corpus) urls.set(name, await serve(c));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

async function client(name: string): Promise<NomadClient> {
  const c = await createNomadClient({ address: urls.get(name) ?? '', headersTimeoutMs: 3_000 });
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
}

async function stateOf(name: string): Promise<{ state: string; reasons: string[] }> {
  const c = await client(name);
  try {
    const { snapshot } = await pollCluster(c, { clusterId: name, now: 1_000, lastSelf: null });
    return clusterState({
      snapshot,
      lastGood: null,
      now: 1_000,
      intervalMs: 10_000,
      staleAfterIntervals: 3,
      paused: false,
    });
  } finally {
    await c.close();
  }
}

async function cliStatus(name: string): Promise<{ code: number; state: string; error: string | null }> {
  const r = await runInProcess(['status', '--json', '--address', urls.get(name) ?? '']);
  const doc = JSON.parse(r.out.join('\n')) as {
    clusters: Array<{ state: string; error: { kind: string } | null }>;
  };
  return { code: r.code, state: doc.clusters[0]?.state ?? '', error: doc.clusters[0]?.error?.kind ?? null };
}

describe('the corpus itself', () => {
  it('has files, each with sources pinned to a commit (or an issue thread) and a version', () => {
    expect(corpus.size).toBeGreaterThanOrEqual(7);
    const pinned = /^https:\/\/github\.com\/hashicorp\/nomad\/(blob\/[0-9a-f]{40}\/|issues\/\d+$|pull\/\d+$)/;
    for (const c of corpus.values()) for (const s of c.source) expect(s).toMatch(pinned);
  });
});

describe('HashiCorp docs samples, 0.5.5-dev (one agent, server and client at once)', () => {
  const f = 'docs-0.5.5-dev-agent.json';
  it('the client reads members, self and health', async () => {
    const c = await client(f);
    try {
      const members = await c.members();
      expect(members.ok && members.value.members.map((m) => [m.name, m.leader, m.rpcAddr])).toEqual([
        ['bacon-mac.global', true, '127.0.0.1:4647'],
      ]);
      const self = await c.self();
      expect(
        self.ok && [self.value.role, self.value.version, self.value.isLeader, self.value.member?.leader],
      ).toEqual(['both', '0.5.5-dev', true, true]);
      expect(self.ok && self.value.knownServers).toEqual(['127.0.0.1:4647']);
      const health = await c.health();
      expect(health.ok && health.value).toEqual({
        client: { ok: true, message: 'ok' },
        server: { ok: true, message: 'ok' },
      });
    } finally {
      await c.close();
    }
  });

  it('state table: healthy; CLI status --json: healthy, exit 0', async () => {
    expect(await stateOf(f)).toMatchObject({ state: 'healthy', reasons: [] });
    expect(await cliStatus(f)).toEqual({ code: 0, state: 'healthy', error: null });
  });
});

describe('HashiCorp docs samples, 0.4.1 (members a bare array, known_servers a count, no health)', () => {
  const f = 'docs-0.4.1-agent.json';
  it('the client reads the bare array, a member name with dots, and the count', async () => {
    const c = await client(f);
    try {
      const members = await c.members();
      expect(
        members.ok && members.value.members.map((m) => [m.name, m.shortName, m.region, m.leader]),
      ).toEqual([['Armons-MacBook-Air.local.global', 'Armons-MacBook-Air.local', 'global', true]]);
      const self = await c.self();
      expect(self.ok && [self.value.knownServers, self.value.knownServerCount]).toEqual([[], 0]);
      const health = await c.health();
      expect(!health.ok && health.error.kind).toBe('not-found');
    } finally {
      await c.close();
    }
  });

  it('state table: healthy without a health endpoint; CLI: healthy, exit 0', async () => {
    expect((await stateOf(f)).state).toBe('healthy');
    expect(await cliStatus(f)).toEqual({ code: 0, state: 'healthy', error: null });
  });
});

describe('Nomad Go tests: health 500 bodies are values', () => {
  it.each([
    ['go-test-health-bad-server.json', { server: { ok: false, message: 'server not enabled' } }],
    ['go-test-health-bad-client.json', { client: { ok: false, message: 'client not enabled' } }],
  ])('%s', async (f, want) => {
    const c = await client(f);
    try {
      const health = await c.health();
      expect(health.ok && health.value).toEqual(want);
    } finally {
      await c.close();
    }
  });
});

describe('Nomad 1.5 source: a client agent without servers', () => {
  const f = 'source-1.5-client-no-servers.json';
  it('state table: degraded "client has no servers", never unreachable', async () => {
    const s = await stateOf(f);
    expect(s.state).toBe('degraded');
    expect(s.reasons[0]).toBe(
      'client has no servers: the agent answers, but its client reaches no Nomad server (health: no known servers)',
    );
  });

  it('CLI status --json: degraded, error kind no-servers, exit 1', async () => {
    expect(await cliStatus(f)).toEqual({ code: 1, state: 'degraded', error: 'no-servers' });
  });
});

describe('Issue #1382 (0.3-0.4): members on a client agent answers 501 Invalid method', () => {
  const f = 'issue-1382-client-members-501.json';
  it('state table: unknown "not a server", never unreachable; CLI: exit 1, error wrong-role', async () => {
    const s = await stateOf(f);
    expect(s.state).toBe('unknown');
    expect(s.reasons[0]).toMatch(/not a server \(members unavailable on this version\)/);
    expect(await cliStatus(f)).toEqual({ code: 1, state: 'unknown', error: 'wrong-role' });
  });
});

describe('Issues #7173 / #2508: a region with no leader answers 500 No cluster leader on the leader lookup', () => {
  const f = 'issue-7173-no-cluster-leader.json';
  it('state table: critical "no leader in region global", not leader unknown', async () => {
    expect(await stateOf(f)).toMatchObject({ state: 'critical', reasons: ['no leader in region global'] });
  });

  it('CLI status --json: critical, leaders.global null (not {unknown}), exit 1', async () => {
    const r = await runInProcess(['status', '--json', '--address', urls.get(f) ?? '']);
    const doc = JSON.parse(r.out.join('\n')) as {
      clusters: Array<{ state: string; leaders: Record<string, unknown>; error: unknown }>;
    };
    expect([r.code, doc.clusters[0]?.state, doc.clusters[0]?.leaders, doc.clusters[0]?.error]).toEqual([
      1,
      'critical',
      { global: null },
      null,
    ]);
  });
});
