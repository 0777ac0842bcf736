/**
 * The window knows when it is blind (renderer/state/connection.svelte.ts): silence past a few heartbeats, a
 * broken stream or a refused token turn it blind, every cluster then reads `unknown`, and the next sign of
 * life brings it back and reloads. Fake clock: no real waiting.
 */
import { describe, expect, it } from 'vitest';
import { blindPageStatus, pageStatus } from '../../renderer/lib/page-status.js';
import { ClustersState } from '../../renderer/state/clusters.svelte.js';
import { ConnectionState, MIN_SILENCE_MS } from '../../renderer/state/connection.svelte.js';
import type { ConnectionClock } from '../../renderer/state/connection.svelte.js';
import { FakeApi, settle } from './fake-api.js';
import { makeClusterView } from './fixtures.js';

function fakeClock(): ConnectionClock & { advance(ms: number): void } {
  let now = 1_000_000;
  const timers = new Set<{ fn: () => void; ms: number; next: number }>();
  return {
    now: () => now,
    setInterval(fn, ms) {
      const t = { fn, ms, next: now + ms };
      timers.add(t);
      return t;
    },
    clearInterval: (h) => void timers.delete(h as { fn: () => void; ms: number; next: number }),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += due.ms;
        due.fn();
      }
      now = end;
    },
  };
}

function setup() {
  const clock = fakeClock();
  const api = new FakeApi();
  const connection = new ConnectionState(clock);
  const stop = connection.start(api);
  return { clock, api, connection, stop };
}

describe('ConnectionState', () => {
  it('stays live while heartbeats arrive and turns lost after a few missed ones', () => {
    const { clock, api, connection } = setup();
    api.emit('app:heartbeat', { intervalMs: 2_000 });
    expect(connection.status).toBe('live');
    for (let i = 0; i < 10; i += 1) {
      clock.advance(2_000);
      api.emit('app:heartbeat', { intervalMs: 2_000 });
    }
    expect(connection.blind).toBe(false);
    clock.advance(connection.silenceMs);
    expect(connection.blind).toBe(false); // exactly at the bound: not yet
    clock.advance(1_000);
    expect(connection.status).toBe('lost');
  });

  it('is blind without any heartbeat at all (the app was gone before the page loaded)', () => {
    const { clock, connection } = setup();
    expect(connection.status).toBe('connecting');
    clock.advance(connection.silenceMs + 1_000);
    expect(connection.silenceMs).toBeGreaterThanOrEqual(MIN_SILENCE_MS);
    expect(connection.status).toBe('lost');
  });

  it('a broken stream makes it blind at once; the next heartbeat recovers it and runs the hooks once', () => {
    const { api, connection } = setup();
    let recovered = 0;
    connection.onRecover(() => (recovered += 1));
    api.emit('app:heartbeat', { intervalMs: 2_000 });
    connection.signal('down');
    expect(connection.status).toBe('lost');
    const epoch = connection.epoch;
    api.emit('app:heartbeat', { intervalMs: 2_000 });
    api.emit('app:heartbeat', { intervalMs: 2_000 });
    expect(connection.status).toBe('live');
    expect(connection.epoch).toBe(epoch + 1);
    expect(recovered).toBe(1);
  });

  it('a refused token (the app restarted) stays locked out: only a new link helps', () => {
    const { api, connection } = setup();
    connection.signal('down');
    connection.signal('unauthorized');
    expect(connection.status).toBe('locked-out');
    connection.signal('down');
    api.emit('app:heartbeat', { intervalMs: 2_000 });
    expect(connection.status).toBe('locked-out');
    expect(blindPageStatus('locked-out').title).toContain('open the new link');
  });

  it('stops listening and watching when stopped', () => {
    const { clock, api, connection, stop } = setup();
    stop();
    expect(api.listenerCount('app:heartbeat')).toBe(0);
    clock.advance(60_000);
    expect(connection.status).toBe('connecting');
  });
});

describe('a blind window', () => {
  it('shows every cluster as unknown and a title with no green state, then the real states again', async () => {
    const clock = fakeClock();
    const connection = new ConnectionState(clock);
    const api = new FakeApi().answer('clusters:list', {
      ok: true,
      value: [makeClusterView({ state: 'healthy' })],
    });
    const clusters = new ClustersState(api, () => (connection.blind ? connection.lastHeard : null));
    clusters.start();
    await settle();
    expect(clusters.list.map((c) => c.state)).toEqual(['healthy']);
    expect(pageStatus(clusters.list).icon).toBe('healthy');
    connection.signal('down');
    expect(clusters.list.map((c) => c.state)).toEqual(['unknown']);
    expect(clusters.list[0]?.timeline.at(-1)).toEqual({ time: connection.lastHeard, state: 'unknown' });
    const blind = blindPageStatus('lost');
    expect(blind.icon).toBe('unreachable');
    expect(blind.title).toMatch(/connection lost/);
    expect(blind.title).not.toMatch(/healthy|●/);
    connection.heard(2_000);
    expect(clusters.list.map((c) => c.state)).toEqual(['healthy']);
  });

  it('keeps nothing the last poll said, wherever the cluster is read (list or byId)', async () => {
    const connection = new ConnectionState(fakeClock());
    const degraded = makeClusterView({ state: 'degraded' });
    const api = new FakeApi().answer('clusters:list', { ok: true, value: [degraded] });
    const clusters = new ClustersState(api, () => (connection.blind ? connection.lastHeard : null));
    clusters.start();
    await settle();
    expect(clusters.byId(degraded.id)?.reasons).toEqual(degraded.reasons);
    connection.signal('down');
    for (const c of [clusters.list[0], clusters.byId(degraded.id)]) {
      expect(c).toMatchObject({ state: 'unknown', reasons: [], quorum: [], snapshot: null });
      expect(c?.lastGoodPoll).toBe(degraded.lastGoodPoll); // a past fact, still true
    }
    connection.heard(2_000);
    expect(clusters.byId(degraded.id)).toEqual(degraded);
  });
});
