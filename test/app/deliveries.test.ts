/**
 * One decision, several deliveries (main/app/deliveries.ts) and the core's periodic task (main/app/repeat.ts):
 * every decided notice reaches the window with how the OS delivery went, so the page knows whether to be loud.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DecidedNotice } from '../../common/ipc-contract.js';
import { DecidedNoticeSchema, LIMITS } from '../../common/ipc-contract.js';
import { createDeliveries, OS_DELIVERY_WAIT_MS } from '../../main/app/deliveries.js';
import { repeat } from '../../main/app/repeat.js';
import { createRecordingNotifier } from '../support/recording-notifier.js';
import type { Notice, Notifier } from '../../main/core/notify/index.js';
import type { Timers } from '../../main/core/poller/index.js';

const timers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

const notice: Notice = {
  clusterId: 'prod',
  title: 'prod: server-2 failed',
  body: 'server-2.global is failed',
  severity: 'warning',
  events: [],
  member: 'server-2.global',
};

function setup(os: Notifier | null) {
  const pushed: DecidedNotice[] = [];
  const deliveries = createDeliveries({ os, push: (n) => pushed.push(n), timers });
  return { deliveries, pushed };
}

describe('deliveries', () => {
  it('a node notice reaches the window with its node (so a click shows the Nodes view), an empty name with none', async () => {
    const { deliveries, pushed } = setup(null);
    const base = { ...notice, member: undefined, title: 'prod: web-7 down', type: 'node-down' as const };
    await deliveries.notify({ ...base, node: 'web-7' });
    await deliveries.notify({ ...base, node: '' });
    expect(pushed.map((p) => [p.node, p.member])).toEqual([
      ['web-7', undefined],
      [undefined, undefined],
    ]);
    for (const p of pushed) expect(DecidedNoticeSchema.safeParse(p).success).toBe(true);
  });

  it('shows the OS notification, then pushes the decision with "shown"', async () => {
    const os = createRecordingNotifier();
    const { deliveries, pushed } = setup(os);
    expect((await deliveries.notify(notice)).ok).toBe(true);
    expect(os.notices).toEqual([notice]);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ title: notice.title, os: 'shown', test: false, clusterId: 'prod' });
    expect(DecidedNoticeSchema.safeParse(pushed[0]).success).toBe(true);
  });

  it('without an OS notifier (no display) the window still gets the decision, marked "off"', async () => {
    const { deliveries, pushed } = setup(null);
    expect((await deliveries.notify(notice)).ok).toBe(true);
    expect(pushed.map((n) => n.os)).toEqual(['off']);
  });

  it('a failing OS notifier is reported to the engine and marked "failed" for the window', async () => {
    const os = createRecordingNotifier();
    os.failWith('notify-send: command not found');
    const { deliveries, pushed } = setup(os);
    const result = await deliveries.notify(notice);
    expect(result).toEqual({ ok: false, error: 'notify-send: command not found' });
    expect(pushed.map((n) => n.os)).toEqual(['failed']);
  });

  it('the test notification goes through every delivery and says how the OS one went', async () => {
    const os = createRecordingNotifier();
    os.failWith('no daemon');
    const { deliveries, pushed } = setup(os);
    expect(await deliveries.test()).toEqual({ os: 'failed', osError: 'no daemon' });
    expect(pushed.map((n) => [n.test, n.os])).toEqual([[true, 'failed']]);
  });

  it('keeps oversized text within the contract instead of dropping the alert', async () => {
    const { deliveries, pushed } = setup(null);
    await deliveries.notify({ ...notice, title: 'x'.repeat(5_000), body: 'y'.repeat(50_000) });
    expect(pushed[0]?.title.length).toBe(LIMITS.text);
    expect(DecidedNoticeSchema.safeParse(pushed[0]).success).toBe(true);
  });

  describe('with a hanging OS notifier', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('pushes the decision as "failed" after a bounded wait, so the page alerts', async () => {
      const hanging: Notifier = { notify: () => new Promise(() => undefined) };
      const { deliveries, pushed } = setup(hanging);
      const pending = deliveries.notify(notice);
      await vi.advanceTimersByTimeAsync(OS_DELIVERY_WAIT_MS - 1);
      expect(pushed).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect((await pending).ok).toBe(false);
      expect(pushed.map((n) => n.os)).toEqual(['failed']);
    });
  });
});

describe('repeat (the heartbeat and the connectivity sampling)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('beats every interval until stopped', () => {
    const beats: number[] = [];
    const stop = repeat(() => beats.push(2_000), 2_000, timers);
    vi.advanceTimersByTime(1_999);
    expect(beats).toEqual([]);
    vi.advanceTimersByTime(4_001);
    expect(beats).toEqual([2_000, 2_000, 2_000]);
    stop();
    vi.advanceTimersByTime(10_000);
    expect(beats).toHaveLength(3);
  });
});
