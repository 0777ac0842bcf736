/**
 * Every invoke channel of the IPC contract, through the real app core's dispatch, with ≥ 1,000 hostile payloads
 * per channel: every answer is an envelope that matches the channel's envelope schema (an error value or a valid
 * value), dispatch never throws, Object.prototype is never polluted, and the settings file is never rewritten.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, invokeContract } from '../../common/ipc-contract.js';
import { envelopeSchema } from '../support/envelope-schema.js';
import type { InvokeChannel } from '../../common/ipc-contract.js';
import { createAppCore, createMemorySecretStore } from '../../main/app/index.js';
import type { AppCore } from '../../main/app/index.js';
import { createRecordingNotifier } from '../support/recording-notifier.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { hostilePayload, oddScalar, pollution } from './hostile.js';

/** Payloads per channel (the brief requires at least 1,000). */
const RUNS_PER_CHANNEL = 1_000;

let sim: SimCluster;
let dir: string;
let core: AppCore;
let settingsBytes: Buffer;
const protoNamesBefore = Object.getOwnPropertyNames(Object.prototype).sort();

/** A valid request per channel: the base the near-valid payloads mutate. */
function validBase(channel: InvokeChannel, url: string): Record<string, unknown> {
  const cluster = {
    id: 'prod',
    name: 'Prod',
    addresses: [url],
    pollIntervalMs: 60_000,
  };
  const bases: Partial<Record<InvokeChannel, Record<string, unknown>>> = {
    'app:ready': {},
    'app:openExternal': { url: 'https://developer.hashicorp.com/nomad' },
    'app:openWindow': {},
    'clusters:list': {},
    'clusters:pollNow': { clusterId: 'prod' },
    'clusters:snooze': { clusterId: 'prod', duration: '15m' },
    'monitor:pause': {},
    'monitor:resume': {},
    'members:join': { clusterId: 'prod', addresses: ['127.0.1.2:4648'] },
    'members:forceLeave': { clusterId: 'prod', node: 'server-3.global', prune: false },
    'agent:self': { clusterId: 'prod' },
    'agent:servers': { clusterId: 'prod' },
    'agent:setServers': { clusterId: 'prod', addresses: ['127.0.1.1:4647'] },
    'history:list': { clusterId: 'prod', limit: 10 },
    'history:exportMarkdown': { clusterId: 'prod' },
    'settings:get': {},
    'settings:save': { settings: { schemaVersion: 1, clusters: [cluster] } },
    'settings:setToken': { clusterId: 'prod', token: 'fuzz-token-value' },
    'settings:testConnection': { cluster },
    'notifications:test': {},
    'settings:envTokenOffer': {},
    'settings:importEnvToken': { clusterIds: ['prod'], accept: false },
    'settings:setAsideUnusableFile': {},
  };
  // A channel added to the contract later still gets every payload kind except the near-valid ones.
  return bases[channel] ?? {};
}

function prototypeIsClean(): boolean {
  const probe: Record<string, unknown> = {};
  return (
    probe['polluted'] === undefined &&
    JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort()) === JSON.stringify(protoNamesBefore)
  );
}

beforeAll(async () => {
  sim = await startCluster({ serversPerRegion: 3 });
  dir = await mkdtemp(join(tmpdir(), 'nomad-tray-fuzz-'));
  const url = sim.agent('server-1').url;
  await writeFile(
    join(dir, 'settings.json'),
    `${JSON.stringify({ schemaVersion: 1, clusters: [{ id: 'prod', name: 'Prod', addresses: [url], pollIntervalMs: 60_000 }] }, null, 2)}\n`,
  );
  core = await createAppCore({
    configDir: dir,
    env: {},
    secrets: createMemorySecretStore(),
    notifier: createRecordingNotifier(),
    mode: 'browser',
    platform: 'linux',
    version: '0.1.0',
  });
  settingsBytes = await readFile(join(dir, 'settings.json'));
});

afterAll(async () => {
  await core?.stop();
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('IPC dispatch under hostile payloads', () => {
  it.each(INVOKE_CHANNELS.map((c) => [c]))(
    '%s: 1,000 hostile payloads → envelopes only, no pollution',
    async (channel) => {
      const schema = envelopeSchema(invokeContract[channel].response);
      const base = validBase(channel, sim.agent('server-1').url);
      let errors = 0;
      let calls = 0;
      await fc.assert(
        fc.asyncProperty(hostilePayload(base), async (payload) => {
          calls += 1;
          let answer: unknown;
          try {
            answer = await core.dispatch(channel, payload);
          } catch (e) {
            throw new Error(`dispatch threw: ${String(e)}`);
          }
          const parsed = schema.safeParse(answer);
          if (!parsed.success) throw new Error(`not an envelope: ${JSON.stringify(answer)?.slice(0, 200)}`);
          if (!parsed.data.ok) errors += 1;
          if (!prototypeIsClean()) throw new Error('Object.prototype was polluted');
        }),
        { numRuns: RUNS_PER_CHANNEL, seed: 20_251 },
      );
      // Hostile input is refused almost always; a run that accepted everything would be a broken generator.
      expect(calls).toBeGreaterThanOrEqual(RUNS_PER_CHANNEL);
      expect(errors).toBeGreaterThan(RUNS_PER_CHANNEL / 2);
      console.info(`${channel}: ${calls} payloads, ${calls - errors} accepted`);
    },
  );

  it('unknown and hostile channel names are answered with an error envelope', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          oddScalar,
          pollution,
          fc.constantFrom('__proto__', 'toString', 'constructor', 'hasOwnProperty'),
        ),
        fc.jsonValue({ maxDepth: 2 }),
        async (channel, payload) => {
          const answer = await core.dispatch(channel, payload);
          if (typeof channel === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(channel)) return;
          expect(answer.ok).toBe(false);
          if (!answer.ok) expect(answer.error.kind).toBe('unknown-channel');
        },
      ),
      { numRuns: 1_000, seed: 7 },
    );
    expect(prototypeIsClean()).toBe(true);
  });

  it('left the settings file byte for byte as it was', async () => {
    expect((await readFile(join(dir, 'settings.json'))).equals(settingsBytes)).toBe(true);
  });
});
