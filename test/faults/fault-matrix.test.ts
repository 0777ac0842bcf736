/**
 * The fault matrix: every way an agent can misbehave, each row checked three ways:
 *  1. the client's answer (error kind, TLS reason, or a value where Nomad's answer is a value),
 *  2. the cluster state the engine shows after polling that agent (clusterState through createMonitor),
 *  3. the engine keeps polling (several rounds are delivered after the fault) — nothing throws, nothing
 *     hangs past the timeouts, no unhandled rejection escapes.
 * Every row gets its own simulated cluster, so rows run concurrently.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ClusterStateKind } from '../../common/domain.js';
import type {
  AgentHealth,
  MembersView,
  NomadError,
  NomadErrorKind,
  TlsReason,
} from '../../common/nomad-domain.js';
import type { Result } from '../../common/result.js';
import { ok } from '../../common/result.js';
import { createMonitor } from '../../main/core/engine/index.js';
import { createNomadClient } from '../../main/core/nomad/index.js';
import type { NomadClient, NomadClientOptions } from '../../main/core/nomad/index.js';
import type { AutopilotHealth } from '../../main/core/nomad/types.js';
import { startCluster } from '../nomad-sim/index.js';
import type { Fault, SimCluster, SimOptions } from '../nomad-sim/index.js';
import { clusterSettings, realTimers, settingsWith, waitFor } from '../engine/helpers.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
process.on('unhandledRejection', onUnhandled);

/**
 * Client timeouts for every row (connect, headers, body): far above a healthy (TLS) answer while rows run
 * concurrently on a busy machine, where a timed-out healthy call would fail a row that expects success.
 */
const TIMEOUT_MS = 1_500;
/** A call that has not settled by then hangs: far above the timeouts plus the client's 1 s deadline slack. */
const HANG_BOUND_MS = 10_000;
/** The engine's ROUNDS polls (each up to the timeouts) must be delivered by then. */
const ENGINE_BOUND_MS = 30_000;
/** Polls the engine must deliver per row to show it keeps running after the fault. */
const ROUNDS = 3;

type Call = 'members' | 'health' | 'autopilot';
type Expect = { ok: true } | { ok: false; kind: NomadErrorKind; tlsReason?: TlsReason };
type TlsChoice = 'other-ca' | 'ca' | 'ca+client' | 'ca+bad-client';

interface Row {
  name: string;
  sim?: SimOptions;
  /** Changes on the cluster (gossip state) before the fault. */
  prepare?: (s: SimCluster) => void;
  fault?: Fault;
  paths?: string[];
  tls?: TlsChoice;
  call: Call;
  expect: Expect;
  state: ClusterStateKind;
}

const json = (value: unknown): Fault => ({
  kind: 'status',
  status: 200,
  body: JSON.stringify(value),
  contentType: 'application/json',
});

const member = (i: number, tags: Record<string, string> | null, status: string): Record<string, unknown> => ({
  Name: `server-${i}.global`,
  Addr: `127.0.1.${i}`,
  Port: 4648,
  Tags: tags,
  Status: status,
});
const serverTags = (i: number): Record<string, string> => ({
  region: 'global',
  dc: 'dc1',
  port: '4647',
  build: '1.9.3',
  role: 'nomad',
  id: `id-${i}`,
});

const rows: Row[] = [
  {
    name: 'connection refused',
    fault: { kind: 'stop' },
    call: 'members',
    expect: { ok: false, kind: 'unreachable' },
    state: 'unreachable',
  },
  {
    name: 'black hole',
    fault: { kind: 'blackhole' },
    call: 'members',
    expect: { ok: false, kind: 'timeout' },
    state: 'unreachable',
  },
  {
    name: 'slow beyond the timeout',
    fault: { kind: 'delay', ms: 2 * TIMEOUT_MS },
    call: 'members',
    expect: { ok: false, kind: 'timeout' },
    state: 'unreachable',
  },
  {
    name: 'slow within the timeout (succeeds)',
    fault: { kind: 'delay', ms: 60 },
    call: 'members',
    expect: { ok: true },
    state: 'healthy',
  },
  {
    name: '403 Permission denied',
    fault: { kind: 'status', status: 403, body: 'Permission denied' },
    call: 'members',
    expect: { ok: false, kind: 'forbidden' },
    state: 'forbidden',
  },
  {
    name: '404 with an empty body',
    fault: { kind: 'status', status: 404, body: '' },
    call: 'members',
    expect: { ok: false, kind: 'not-found' },
    state: 'unreachable',
  },
  {
    name: '405 Invalid method',
    fault: { kind: 'status', status: 405, body: 'Invalid method' },
    call: 'members',
    expect: { ok: false, kind: 'http' },
    state: 'unreachable',
  },
  {
    name: '501 wrong agent role',
    fault: { kind: 'status', status: 501, body: 'Invalid method' },
    call: 'members',
    expect: { ok: false, kind: 'wrong-role' },
    // the agent answered: never unreachable (an old client agent cannot list members)
    state: 'unknown',
  },
  {
    name: '400 plain-text reason',
    fault: { kind: 'status', status: 400, body: 'bad query' },
    call: 'members',
    expect: { ok: false, kind: 'bad-request' },
    state: 'unreachable',
  },
  {
    name: '500 plain text',
    fault: { kind: 'status', status: 500, body: 'rpc error: EOF' },
    call: 'members',
    expect: { ok: false, kind: 'http' },
    state: 'unreachable',
  },
  {
    name: '500 No cluster leader (leader lookup)',
    prepare: (s) => s.setLeader('global', null),
    call: 'members',
    expect: { ok: true },
    state: 'critical',
  },
  {
    name: '500 with health JSON (a value, not an error)',
    fault: { kind: 'status', status: 500, body: '{"server":{"ok":false,"message":"raft: no known peers"}}' },
    paths: ['/v1/agent/health'],
    call: 'health',
    expect: { ok: true },
    state: 'degraded',
  },
  {
    name: '429 autopilot JSON (a value, not an error)',
    sim: { serversPerRegion: 5 },
    prepare: (s) => s.fail('server-3'),
    call: 'autopilot',
    expect: { ok: true },
    state: 'degraded',
  },
  {
    name: 'HTML proxy login page with 200',
    fault: { kind: 'garbage', body: 'html' },
    call: 'members',
    expect: { ok: false, kind: 'invalid-response' },
    state: 'unreachable',
  },
  {
    name: 'truncated JSON',
    fault: { kind: 'garbage', body: 'truncated-json' },
    call: 'members',
    expect: { ok: false, kind: 'invalid-response' },
    state: 'unreachable',
  },
  {
    name: 'valid JSON of the wrong shape',
    fault: { kind: 'garbage', body: 'wrong-shape' },
    call: 'members',
    expect: { ok: false, kind: 'invalid-response' },
    state: 'unreachable',
  },
  {
    name: 'empty 200 body',
    fault: { kind: 'garbage', body: 'empty' },
    call: 'members',
    expect: { ok: false, kind: 'invalid-response' },
    state: 'unreachable',
  },
  {
    name: 'huge body over the cap',
    fault: { kind: 'garbage', body: 'huge' },
    call: 'members',
    expect: { ok: false, kind: 'invalid-response' },
    state: 'unreachable',
  },
  {
    name: 'invalid UTF-8',
    fault: { kind: 'garbage', body: 'invalid-utf8' },
    call: 'members',
    expect: { ok: false, kind: 'invalid-response' },
    state: 'unreachable',
  },
  {
    name: 'gzip garbage',
    fault: { kind: 'garbage', body: 'gzip-garbage' },
    call: 'members',
    expect: { ok: false, kind: 'invalid-response' },
    state: 'unreachable',
  },
  {
    name: 'redirect to another host (not followed)',
    fault: { kind: 'redirect', location: 'https://sso.example.invalid/login' },
    call: 'members',
    expect: { ok: false, kind: 'http' },
    state: 'unreachable',
  },
  {
    name: 'connection reset mid-body',
    fault: { kind: 'reset' },
    call: 'members',
    expect: { ok: false, kind: 'unreachable' },
    state: 'unreachable',
  },
  {
    name: 'TLS: unknown CA',
    sim: { tls: true },
    tls: 'other-ca',
    call: 'members',
    expect: { ok: false, kind: 'tls', tlsReason: 'unknown-authority' },
    state: 'tls-error',
  },
  {
    name: 'TLS: hostname mismatch',
    sim: { tls: { serverCert: 'wrong-host' } },
    tls: 'ca',
    call: 'members',
    expect: { ok: false, kind: 'tls', tlsReason: 'hostname-mismatch' },
    state: 'tls-error',
  },
  {
    name: 'TLS: expired certificate',
    sim: { tls: { serverCert: 'expired' } },
    tls: 'ca',
    call: 'members',
    expect: { ok: false, kind: 'tls', tlsReason: 'expired' },
    state: 'tls-error',
  },
  {
    name: 'mTLS required, no client cert',
    sim: { tls: { mtls: true } },
    tls: 'ca',
    call: 'members',
    expect: { ok: false, kind: 'tls', tlsReason: 'client-cert-required' },
    state: 'tls-error',
  },
  {
    name: 'mTLS, client cert from another CA',
    sim: { tls: { mtls: true } },
    tls: 'ca+bad-client',
    call: 'members',
    expect: { ok: false, kind: 'tls', tlsReason: 'client-cert-rejected' },
    state: 'tls-error',
  },
  {
    name: 'mTLS with the right client cert (succeeds)',
    sim: { tls: { mtls: true } },
    tls: 'ca+client',
    call: 'members',
    expect: { ok: true },
    state: 'healthy',
  },
  {
    name: 'members with unknown status strings',
    prepare: (s) => s.setStatus('server-3', 'weird-new-status'),
    call: 'members',
    expect: { ok: true },
    // 2 of 3 voters alive: the region has no margin left.
    state: 'critical',
  },
  {
    name: 'members with null tags',
    fault: json({
      ServerName: 'server-1',
      ServerRegion: 'global',
      ServerDC: 'dc1',
      Members: [
        member(1, serverTags(1), 'alive'),
        member(2, serverTags(2), 'alive'),
        member(3, serverTags(3), 'alive'),
        member(4, null, 'alive'),
      ],
    }),
    paths: ['/v1/agent/members'],
    call: 'members',
    expect: { ok: true },
    state: 'healthy',
  },
];

function tlsOptions(s: SimCluster, choice: TlsChoice | undefined): Partial<NomadClientOptions> {
  const t = s.tls;
  if (choice === undefined || t === null) return {};
  if (choice === 'other-ca') return { caCert: t.otherCaFile };
  if (choice === 'ca') return { caCert: t.caFile };
  if (choice === 'ca+client')
    return { caCert: t.caFile, clientCert: t.clientCertFile, clientKey: t.clientKeyFile };
  return { caCert: t.caFile, clientCert: t.badClientCertFile, clientKey: t.badClientKeyFile };
}

/** Settles `p` or reports a hang; a throw is captured as a value so the row can assert there was none. */
async function settle<T>(
  p: () => Promise<T>,
  boundMs = HANG_BOUND_MS,
): Promise<{ value?: T; thrown?: unknown; hung?: true }> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<{ hung: true }>((resolve) => {
    timer = setTimeout(() => resolve({ hung: true }), boundMs);
  });
  try {
    return await Promise.race([p().then((value) => ({ value })), hang]);
  } catch (thrown) {
    return { thrown };
  } finally {
    clearTimeout(timer);
  }
}

type AnyAnswer = Result<MembersView | AgentHealth | AutopilotHealth, NomadError>;

function callOf(client: NomadClient, call: Call): Promise<AnyAnswer> {
  if (call === 'health') return client.health();
  if (call === 'autopilot') return client.autopilotHealth();
  return client.members();
}

/** Runs the engine on the faulty agent until ROUNDS polls were delivered; returns the last state. */
async function engineState(url: string, opts: Partial<NomadClientOptions>): Promise<ClusterStateKind> {
  let rounds = 0;
  const monitor = createMonitor({
    settings: settingsWith([clusterSettings('row', [url], 100)]),
    clientFactory: () => createNomadClient({ address: url, ...opts }),
    tokenFor: () => Promise.resolve(ok(undefined)),
    timers: realTimers,
    notifier: { notify: () => undefined },
    history: { append: () => undefined },
    random: () => 0.5,
  });
  monitor.subscribe(() => {
    rounds += 1;
  });
  monitor.start();
  try {
    await waitFor(`${ROUNDS} polls`, () => rounds >= ROUNDS, ENGINE_BOUND_MS);
    return monitor.views()[0]?.state ?? 'unknown';
  } finally {
    await monitor.stop();
  }
}

const sims: SimCluster[] = [];
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  process.off('unhandledRejection', onUnhandled);
});

describe('fault matrix: agent misbehaviour → client error → cluster state', () => {
  it('has at least 20 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });

  it.concurrent.each(rows)(
    '$name',
    async (row) => {
      const s = await startCluster({ serversPerRegion: 3, leaderHoldMs: 50, ...row.sim });
      sims.push(s);
      row.prepare?.(s);
      const target = s.agent('server-1');
      if (row.fault) s.inject('server-1', row.fault, row.paths);
      const opts: Partial<NomadClientOptions> = {
        connectTimeoutMs: TIMEOUT_MS,
        headersTimeoutMs: TIMEOUT_MS,
        bodyTimeoutMs: TIMEOUT_MS,
        ...tlsOptions(s, row.tls),
      };

      const made = await createNomadClient({ address: target.url, ...opts });
      expect(made.ok).toBe(true);
      if (!made.ok) return;
      const outcome = await settle(() => callOf(made.value, row.call));
      await made.value.close();
      expect(outcome.thrown).toBeUndefined();
      expect(outcome.hung).toBeUndefined();
      const result = outcome.value;
      if (result === undefined) return;
      if (row.expect.ok) {
        expect(result.ok ? 'ok' : `${result.error.kind}: ${result.error.message}`).toBe('ok');
      } else {
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.kind).toBe(row.expect.kind);
          if (row.expect.tlsReason) expect(result.error.tlsReason).toBe(row.expect.tlsReason);
        }
      }
      if (row.call === 'health' && result.ok)
        expect(result.value).toEqual({ server: { ok: false, message: 'raft: no known peers' } });
      if (row.call === 'autopilot' && result.ok) expect(result.value).toMatchObject({ healthy: false });
      if (row.name === 'members with unknown status strings' && result.ok && 'members' in result.value) {
        const weird = result.value.members.find((m) => m.name === 'server-3.global');
        expect(weird).toMatchObject({ status: 'unknown', statusRaw: 'weird-new-status' });
      }
      if (row.name === 'members with null tags' && result.ok && 'members' in result.value) {
        const bare = result.value.members.find((m) => m.name === 'server-4.global');
        expect(bare).toMatchObject({ tags: [], region: '', rpcAddr: null });
      }

      const engine = await settle(() => engineState(target.url, opts), ENGINE_BOUND_MS + 5_000);
      expect(engine.thrown).toBeUndefined();
      expect(engine.value).toBe(row.state);
    },
    60_000,
  );

  it('no unhandled rejection escaped any row', () => {
    expect(unhandled).toEqual([]);
  });
});
