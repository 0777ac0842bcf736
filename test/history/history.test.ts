import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MonitorEventSchema } from '../../common/domain.js';
import type { MonitorEvent } from '../../common/domain.js';
import { createHistory } from '../../main/core/history/history.js';
import { useTempDirs } from '../support/tmp.js';
import { memberFailed } from './helpers.js';

const T0 = Date.UTC(2025, 4, 1, 12, 0, 0);
const newDir = useTempDirs('history');

async function fileLines(file: string): Promise<MonitorEvent[]> {
  const text = await fs.readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => MonitorEventSchema.parse(JSON.parse(l)));
}

describe('history: append and list', () => {
  it('list is newest first; ties keep the later append first; filters by cluster and limit', async () => {
    const dir = await newDir();
    const h = createHistory({ dir, clock: () => T0 + 10_000 });
    const events = [
      memberFailed(T0 + 1000, 1),
      memberFailed(T0 + 3000, 2, 'dev'),
      memberFailed(T0 + 2000, 3),
      memberFailed(T0 + 3000, 4),
    ];
    for (const e of events) expect(await h.append(e)).toEqual({ ok: true, value: undefined });
    const all = await h.list();
    expect(all).toEqual({
      ok: true,
      value: { events: [events[3], events[1], events[2], events[0]], skipped: 0 },
    });
    const prod = await h.list({ clusterId: 'prod', limit: 2 });
    expect(prod.ok && prod.value.events).toEqual([events[3], events[2]]);
    const one = await h.list({ limit: 1 });
    expect(one.ok && one.value.events).toEqual([events[3]]);
  });

  it('no file yet → empty list, nothing created', async () => {
    const dir = await newDir();
    const h = createHistory({ dir, clock: () => T0 });
    expect(await h.list()).toEqual({ ok: true, value: { events: [], skipped: 0 } });
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('parallel appends are serialised: every event becomes exactly one line', async () => {
    const dir = await newDir();
    const h = createHistory({ dir, clock: () => T0 + 100_000 });
    const events = Array.from({ length: 50 }, (_, i) => memberFailed(T0 + i, i));
    const results = await Promise.all(events.map((e) => h.append(e)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await fileLines(h.path)).toEqual(events);
    if (process.platform !== 'win32') expect((await fs.stat(h.path)).mode & 0o777).toBe(0o600);
  });

  it('an invalid event is refused with the failing field, and nothing is written', async () => {
    const dir = await newDir();
    const h = createHistory({ dir, clock: () => T0 });
    const bad = { ...memberFailed(T0, 1), severity: 'apocalyptic' } as unknown as MonitorEvent;
    const r = await h.append(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('severity');
    expect(await fs.readdir(dir)).toEqual([]);
  });
});

describe('history: bounds', () => {
  it('over maxBytes → the OLDEST events are dropped, the file stays under the cap, newest kept', async () => {
    const dir = await newDir();
    const maxBytes = 2_000;
    const h = createHistory({ dir, clock: () => T0 + 1_000_000, maxBytes });
    const events = Array.from({ length: 60 }, (_, i) => memberFailed(T0 + i * 1000, i));
    for (const e of events) await h.append(e);
    const size = (await fs.stat(h.path)).size;
    expect(size).toBeLessThanOrEqual(maxBytes);
    const kept = await fileLines(h.path);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(events.length);
    // What is left is exactly the newest events, in append order.
    expect(kept).toEqual(events.slice(events.length - kept.length));
    expect((await fs.readdir(dir)).sort()).toEqual(['history.jsonl']);
  });

  it('entries older than maxAgeMs are dropped on the next append', async () => {
    const dir = await newDir();
    const maxAgeMs = 3_600_000;
    let now = T0;
    const h = createHistory({ dir, clock: () => now, maxAgeMs });
    const old = [memberFailed(T0, 1), memberFailed(T0 + 60_000, 2)];
    for (const e of old) await h.append(e);
    now = T0 + 60_000 + maxAgeMs / 2;
    const mid = memberFailed(now, 3);
    await h.append(mid);
    expect(await fileLines(h.path)).toEqual([...old, mid]);
    now = T0 + 30_000 + maxAgeMs; // the first event is now too old, the second not yet
    const late = memberFailed(now, 4);
    await h.append(late);
    expect(await fileLines(h.path)).toEqual([old[1], mid, late]);
  });

  it('a history reopened by a new process learns the file bounds from disk', async () => {
    const dir = await newDir();
    const maxAgeMs = 1000;
    await createHistory({ dir, clock: () => T0, maxAgeMs }).append(memberFailed(T0, 1));
    const later = createHistory({ dir, clock: () => T0 + 5000, maxAgeMs });
    const fresh = memberFailed(T0 + 5000, 2);
    await later.append(fresh);
    expect(await fileLines(later.path)).toEqual([fresh]);
  });
});

describe('history: corrupt lines', () => {
  it('skips and counts lines that are not JSON or not events; a torn last line does not swallow the next append', async () => {
    const dir = await newDir();
    const file = path.join(dir, 'history.jsonl');
    const a = memberFailed(T0, 1);
    const b = memberFailed(T0 + 1000, 2);
    await fs.writeFile(
      file,
      [
        JSON.stringify(a),
        'garbage',
        JSON.stringify({ time: 'yesterday' }),
        '',
        JSON.stringify(b),
        '{"time":17',
      ].join('\n'),
    );
    const h = createHistory({ dir, clock: () => T0 + 10_000 });
    expect(await h.list()).toEqual({ ok: true, value: { events: [b, a], skipped: 3 } });
    const c = memberFailed(T0 + 2000, 3);
    await h.append(c);
    expect(await h.list()).toEqual({ ok: true, value: { events: [c, b, a], skipped: 3 } });
  });
});

describe('history: flush', () => {
  it('resolves only after every append queued before it is on disk', async () => {
    const dir = await newDir();
    const h = createHistory({ dir, clock: () => T0 + 10_000 });
    const events = Array.from({ length: 50 }, (_, i) => memberFailed(T0 + i, i));
    for (const e of events) void h.append(e); // fire and forget, as the engine does
    await h.flush();
    expect(await fileLines(h.path)).toEqual(events);
  });
});
