/**
 * Secret scrubbing works on string leaves, never on JSON text: tokens that look like JSON literals (true, null,
 * false, 1000) or like ordinary words (prod) cannot break envelopes or push events, short tokens are not
 * remembered, and a token typed for a failed test connection is not remembered at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterView } from '../../common/domain.js';
import { redactValue as scrubValue } from '../../main/core/redact/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { startCluster } from '../nomad-sim/index.js';
import type { CoreHarness } from './helpers.js';
import { settingsFile, startCore, waitFor } from './helpers.js';

describe('scrubValue', () => {
  it('redacts secrets inside string leaves, never keys (they are ids and names), leaving other values alone', () => {
    const secret = 'abcdefgh-1234';
    const value = { a: `x-${secret}-y`, n: 1000, b: true, z: null, list: [secret, 'plain'], [secret]: 1 };
    expect(scrubValue(value, [secret])).toEqual({
      a: 'x-[redacted]-y',
      n: 1000,
      b: true,
      z: null,
      list: ['[redacted]', 'plain'],
      [secret]: 1,
    });
  });

  it('ignores secrets shorter than 8 characters (true, null, false, 1000, prod)', () => {
    const value = { name: 'prod', ok: true, none: null, no: false, n: 1000, text: 'prod 1000 true' };
    expect(scrubValue(value, ['true', 'null', 'false', '1000', 'prod'])).toBe(value);
  });

  it('cannot break the value with a secret made of JSON syntax', () => {
    const value = { name: 'a', ok: true, n: [1, 2] };
    expect(scrubValue(value, ['","name":"', '{"name":"a",', '":true,"n":['])).toEqual(value);
  });
});

/** A cluster id that is also the token typed for a failing test connection. */
const FAILED = 'failed-token-cluster';
let sim: SimCluster;
let h: CoreHarness;

beforeAll(async () => {
  sim = await startCluster({ serversPerRegion: 1 });
  h = await startCore(
    settingsFile([
      { id: 'prod', addresses: [sim.agent('server-1').url] },
      { id: FAILED, addresses: [sim.agent('server-1').url] },
    ]),
  );
});

afterAll(async () => {
  await h.close();
  await sim.close();
});

async function views(): Promise<ClusterView[]> {
  const answer = await h.core.dispatch('clusters:list', {});
  if (!answer.ok) throw new Error(`clusters:list failed: ${answer.error.message}`);
  return answer.value as ClusterView[];
}

describe('tokens that look like JSON or words', () => {
  it.each(['true', 'null', 'false', '1000', 'prod'])(
    'a test connection with token %s leaves later envelopes and pushes intact',
    async (token) => {
      const tested = await h.core.dispatch('settings:testConnection', {
        cluster: { id: 'probe', name: 'probe', addresses: [sim.agent('server-1').url] },
        token,
      });
      expect(tested.ok).toBe(true);
      const list = await views();
      expect(list[0]?.id).toBe('prod');
      expect(JSON.stringify(list)).not.toContain('[redacted]');
      const pushesBefore = h.pushed.length;
      await h.core.pollNow();
      await waitFor('a push after the poll', () => h.pushed.length > pushesBefore);
      for (const frame of h.pushed.slice(pushesBefore)) {
        expect(frame).not.toContain('[redacted]');
        expect(() => JSON.parse(frame) as unknown).not.toThrow();
      }
      expect(h.logs.filter((l) => l.includes('does not match the contract'))).toEqual([]);
    },
  );

  it('does not remember a typed token whose test connection failed', async () => {
    // The closed port makes the test fail; the token must not become a scrubbing secret.
    const tested = await h.core.dispatch('settings:testConnection', {
      cluster: { id: 'probe', name: 'probe', addresses: ['http://127.0.0.1:1'] },
      token: FAILED,
    });
    expect(tested.ok).toBe(false);
    // Had it been remembered, the cluster named like it would now come back as [redacted].
    expect((await views()).map((v) => v.id)).toEqual(['prod', FAILED]);
  });
});

describe('a token that is part of a cluster id (or equal to it)', () => {
  it.each(['views-secret-cluster', 'secret-c'])(
    'token %s leaves ids intact in views, settings:get and clusters:list',
    async (token) => {
      const id = 'views-secret-cluster';
      const own = await startCore(settingsFile([{ id, addresses: [sim.agent('server-1').url] }]));
      try {
        const set = await own.core.dispatch('settings:setToken', { clusterId: id, token });
        expect(set.ok).toBe(true);
        await waitFor('a first view', () => own.core.views().length > 0);
        expect(own.core.views().map((v) => v.id)).toEqual([id]);
        const got = await own.core.dispatch('settings:get', {});
        expect(got.ok).toBe(true);
        expect(JSON.stringify(got)).toContain(`"${id}"`);
        expect(JSON.stringify(got)).not.toContain('[redacted]');
        const list = await own.core.dispatch('clusters:list', {});
        expect(list.ok && (list.value as ClusterView[]).map((v) => v.id)).toEqual([id]);
      } finally {
        await own.close();
      }
    },
  );
});
