import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NodesPage, NomadError } from '../../common/nomad-domain.js';
import type { Result } from '../../common/result.js';
import type { NodesQuery } from '../../main/core/nomad/types.js';
import { createNodeWatcher, type NodeWatchUpdate } from '../../main/core/poller/node-watcher.js';
import { fakeTimers } from './helpers.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

type Reply = { index: number; after: number } | { error: NomadError['kind']; after: number } | 'hang';

/** A scripted /v1/nodes: each call takes the next reply (the last one repeats). */
function script(replies: Reply[]) {
  const calls: Array<{ q: NodesQuery; at: number; signal: AbortSignal }> = [];
  let i = 0;
  const fetch = (q: NodesQuery, signal: AbortSignal): Promise<Result<NodesPage, NomadError>> => {
    calls.push({ q, at: Date.now(), signal });
    const r = replies[Math.min(i++, replies.length - 1)] ?? 'hang';
    return new Promise((resolve) => {
      signal.addEventListener('abort', () =>
        resolve({ ok: false, error: { kind: 'timeout', message: 'aborted' } }),
      );
      if (r === 'hang') return;
      setTimeout(() => {
        if ('error' in r) resolve({ ok: false, error: { kind: r.error, message: r.error } });
        else
          resolve({
            ok: true,
            value: { nodes: [], index: r.index, knownLeader: true, lastContactMs: 0, nextToken: null },
          });
      }, r.after);
    });
  };
  return { fetch, calls };
}

function watch(replies: Reply[], intervalMs = 10_000) {
  const s = script(replies);
  const updates: NodeWatchUpdate[] = [];
  const w = createNodeWatcher({
    fetch: s.fetch,
    timers: fakeTimers,
    intervalMs,
    random: () => 0,
    onUpdate: (u) => updates.push(u),
  });
  return { w, calls: s.calls, updates };
}

describe('node watcher', () => {
  it('reads at once, then blocks on the index; a timeout with the same index is no change', async () => {
    const { w, calls, updates } = watch([
      { index: 10, after: 5 },
      { index: 10, after: 300_000 }, // held for the whole wait, then the same index
      { index: 12, after: 1_000 },
      'hang',
    ]);
    w.start();
    await vi.advanceTimersByTimeAsync(302_000);
    expect(calls.map((c) => c.q.index)).toEqual([undefined, 10, 10, 12]);
    expect(calls.every((c) => c.q.stale === true)).toBe(true);
    expect(updates.map((u) => u.ok && u.changed)).toEqual([true, false, true]);
    w.stop();
  });

  it('resets to a plain read when the index goes backwards', async () => {
    const { w, calls } = watch([
      { index: 50, after: 5 },
      { index: 7, after: 1_000 },
      { index: 7, after: 5 },
      'hang',
    ]);
    w.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls.map((c) => c.q.index)).toEqual([undefined, 50, undefined, 7]);
    w.stop();
  });

  it('never hot-loops: instant answers with new indexes are spaced by the minimum gap', async () => {
    let n = 1;
    const s = {
      fetch: (): Promise<Result<NodesPage, NomadError>> =>
        Promise.resolve({
          ok: true,
          value: { nodes: [], index: ++n, knownLeader: true, lastContactMs: 0, nextToken: null },
        }),
    };
    const starts: number[] = [];
    const w = createNodeWatcher({
      fetch: () => {
        starts.push(Date.now());
        return s.fetch();
      },
      timers: fakeTimers,
      intervalMs: 10_000,
      onUpdate: () => undefined,
    });
    w.start();
    await vi.advanceTimersByTimeAsync(10_000);
    w.stop();
    expect(starts.length).toBeLessThanOrEqual(21);
    for (let i = 1; i < starts.length; i++)
      expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBeGreaterThanOrEqual(500);
  });

  it('backs off on errors: a quick fresh retry, then every poll interval; blind from the 2nd', async () => {
    const { w, calls, updates } = watch([
      { index: 3, after: 5 },
      { error: 'unreachable', after: 5 },
    ]);
    w.start();
    await vi.advanceTimersByTimeAsync(200_000);
    w.stop();
    const gaps = calls.slice(1).map((c, i) => c.at - (calls[i]?.at ?? 0));
    // the blocking query starts 500 ms after the first (min gap) and fails after 5 ms: a fresh retry 500 ms
    // later, then one poll interval (10 s) after each failure, never growing
    expect(gaps.slice(0, 7)).toEqual([500, 505, 10_005, 10_005, 10_005, 10_005, 10_005]);
    expect(calls.slice(2).every((c) => c.q.index === undefined)).toBe(true);
    expect(
      updates
        .filter((u) => !u.ok)
        .map((u) => !u.ok && u.failures)
        .slice(0, 6),
    ).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('by default errors retry every poll interval (a recovered agent is seen within one interval)', async () => {
    const { w, calls } = watch(
      [
        { index: 3, after: 5 },
        { error: 'unreachable', after: 5 },
      ],
      500,
    );
    w.start();
    await vi.advanceTimersByTimeAsync(20_000);
    w.stop();
    const gaps = calls.slice(3).map((c, i) => c.at - (calls[i + 2]?.at ?? 0));
    expect(gaps.length).toBeGreaterThan(10);
    expect(gaps.every((g) => g <= 505)).toBe(true);
  });

  it('falls back to plain reads every interval when the server does not hold blocking queries', async () => {
    const { w, calls, updates } = watch([{ index: 4, after: 5 }], 10_000);
    w.start();
    await vi.advanceTimersByTimeAsync(40_000);
    w.stop();
    const last = updates[updates.length - 1];
    expect(last?.mode).toBe('polling');
    const tail = calls.slice(-3);
    expect(tail.every((c) => c.q.index === undefined)).toBe(true);
    expect((tail[2]?.at ?? 0) - (tail[1]?.at ?? 0)).toBe(10_005);
  });

  it('falls back to polling when held queries keep failing while plain reads work (a proxy idle timeout)', async () => {
    const { w, calls, updates } = watch([
      { index: 4, after: 5 },
      { error: 'unreachable', after: 60_000 },
      { index: 4, after: 5 },
      { error: 'unreachable', after: 60_000 },
      { index: 4, after: 5 },
      { index: 4, after: 5 },
    ]);
    w.start();
    await vi.advanceTimersByTimeAsync(150_000);
    w.stop();
    expect(updates.at(-1)?.mode).toBe('polling');
    expect(calls.slice(4).every((c) => c.q.index === undefined)).toBe(true);
  });

  it('stop() aborts the held request and nothing is delivered afterwards; pause/resume re-read at once', async () => {
    const { w, calls, updates } = watch([{ index: 9, after: 5 }, 'hang']);
    w.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(2);
    w.pause();
    expect(calls[1]?.signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(2);
    w.resume();
    await vi.advanceTimersByTimeAsync(10);
    expect(calls[2]?.q.index).toBeUndefined();
    w.stop();
    expect(calls.at(-1)?.signal.aborted).toBe(true);
    const delivered = updates.length;
    const asked = calls.length;
    await vi.advanceTimersByTimeAsync(400_000);
    expect(updates).toHaveLength(delivered);
    expect(calls).toHaveLength(asked);
  });

  it('a throwing fetch or onUpdate is reported and the loop goes on', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const w = createNodeWatcher({
      fetch: () => {
        calls++;
        throw new Error('boom');
      },
      timers: fakeTimers,
      intervalMs: 1_000,
      onUpdate: () => {
        throw new Error('listener');
      },
      onError: (e) => errors.push(e),
    });
    w.start();
    await vi.advanceTimersByTimeAsync(5_000);
    w.stop();
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(errors.length).toBeGreaterThanOrEqual(6);
  });
});
