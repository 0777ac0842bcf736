import { describe, expect, it } from 'vitest';
import type { PowerMonitor } from 'electron';
import { watchPower } from '../../main/shell/adapters/power.js';
import type { PowerMonitorLike } from '../../main/shell/adapters/power.js';
import type { Timers } from '../../main/core/poller/index.js';

// Compile-time proof that Electron's powerMonitor fits the port.
const _fits = (p: PowerMonitor): PowerMonitorLike => p;

function setup(online?: { value: boolean }) {
  const listeners = new Map<string, Set<() => void>>();
  const powerMonitor = {
    on(event: string, l: () => void) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)?.add(l);
      return powerMonitor;
    },
    removeListener(event: string, l: () => void) {
      listeners.get(event)?.delete(l);
      return powerMonitor;
    },
  };
  const emit = (event: string) => listeners.get(event)?.forEach((l) => l());
  const calls: string[] = [];
  const core = {
    suspend: () => calls.push('suspend'),
    wake: () => calls.push('wake'),
    pollNow: () => {
      calls.push('pollNow');
      return Promise.resolve();
    },
  };
  let tick: (() => void) | null = null;
  let cleared = false;
  const timers: Timers = {
    now: () => 0,
    setTimeout: (fn) => {
      tick = fn;
      return 'handle';
    },
    clearTimeout: (h) => void (cleared = h === 'handle'),
  };
  const stop = watchPower({
    powerMonitor: powerMonitor as unknown as PowerMonitorLike,
    core,
    timers,
    ...(online ? { isOnline: () => online.value } : {}),
  });
  return { emit, calls, stop, tick: () => tick?.(), cleared: () => cleared, listeners };
}

describe('watchPower', () => {
  it('suspend → core.suspend(), resume → core.wake()', () => {
    const s = setup();
    s.emit('suspend');
    s.emit('resume');
    expect(s.calls).toEqual(['suspend', 'wake']);
  });

  it('repeated events reach the core once per real transition (no storm)', () => {
    const s = setup();
    s.emit('resume'); // resume without a suspend: nothing to wake from
    s.emit('suspend');
    s.emit('suspend');
    s.emit('resume');
    s.emit('resume');
    expect(s.calls).toEqual(['suspend', 'wake']);
  });

  it('re-checks (pollNow, not wake) when the network comes back, but never suspends for going offline', () => {
    const online = { value: true };
    const s = setup(online);
    online.value = false;
    s.tick();
    expect(s.calls).toEqual([]);
    online.value = true;
    s.tick();
    s.tick();
    expect(s.calls).toEqual(['pollNow']);
  });

  it('online flips while the network stays up or goes down never re-check', () => {
    const online = { value: true };
    const s = setup(online);
    s.tick();
    online.value = false;
    s.tick();
    s.tick();
    expect(s.calls).toEqual([]);
  });

  it('does not wake or poll a sleeping machine because the network flapped', () => {
    const online = { value: false };
    const s = setup(online);
    s.emit('suspend');
    online.value = true;
    s.tick();
    expect(s.calls).toEqual(['suspend']);
  });

  it('stop() removes the listeners and the timer', () => {
    const s = setup({ value: true });
    s.stop();
    s.emit('suspend');
    expect(s.calls).toEqual([]);
    expect(s.cleared()).toBe(true);
  });
});
