/**
 * Keys this build does not know (a newer Nomad Tray's, a hand edit's) survive a save: top level, nested objects
 * and per cluster (matched by id). Hostile key names stay plain keys.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../main/core/settings/store.js';
import { unknownKeys, withUnknownKeys } from '../../main/core/settings/unknown-keys.js';
import { useTempDirs } from '../support/tmp.js';
import { sampleSettings } from './helpers.js';

const clock = (): number => Date.UTC(2025, 4, 1);
const newDir = useTempDirs('settings-unknown');

describe('settings: unknown keys survive a save', () => {
  it('top-level, global, per-cluster and nested TLS keys are written back; a removed cluster takes its own', async () => {
    const dir = await newDir();
    const file = path.join(dir, 'settings.json');
    const base = sampleSettings(1);
    const second = { ...sampleSettings(2).clusters[0]!, ownerTeam: 'sre' };
    const onDisk = {
      ...base,
      futureFeature: { on: true },
      global: { ...base.global, theme: 'solarized' },
      clusters: [
        { ...base.clusters[0]!, pagerDuty: 'P123', tls: { ...base.clusters[0]!.tls, pinnedKey: 'abc' } },
        second,
      ],
    };
    await fs.writeFile(file, JSON.stringify(onDisk));
    const store = createSettingsStore({ dir, clock, env: {} });
    const loaded = await store.load();
    expect(loaded.source).toBe('file');
    expect(JSON.stringify(loaded.settings)).not.toContain('pagerDuty'); // the app never sees them

    // The window renames the first cluster and removes the second one.
    const next = { ...loaded.settings, clusters: [{ ...loaded.settings.clusters[0]!, name: 'Renamed' }] };
    expect((await store.save(next)).ok).toBe(true);
    const written = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
    expect(written['futureFeature']).toEqual({ on: true });
    expect(written['global']).toMatchObject({ theme: 'solarized', confirmPolls: 3 });
    expect(written['clusters']).toEqual([
      expect.objectContaining({
        name: 'Renamed',
        pagerDuty: 'P123',
        tls: expect.objectContaining({ pinnedKey: 'abc', serverName: 'server.global.nomad' }) as unknown,
      }),
    ]);
    expect(JSON.stringify(written)).not.toContain('ownerTeam');
    // And they survive the next load + save too.
    const again = createSettingsStore({ dir, clock, env: {} });
    await again.load();
    expect((await again.update((s) => s)).ok).toBe(true);
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual(written);
  });

  it('a known key is never overwritten by a kept one, and `__proto__` / `constructor` stay plain keys', () => {
    const raw = JSON.parse(
      '{"a":1,"__proto__":{"polluted":true},"constructor":"x","nested":{"b":2,"__proto__":{"p":1}}}',
    ) as unknown;
    const kept = { a: 1, nested: { b: 2 } };
    const extra = unknownKeys(raw, kept);
    const merged = withUnknownKeys({ a: 5, nested: { b: 7 } }, extra) as Record<string, unknown>;
    expect(merged['a']).toBe(5);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(JSON.parse(JSON.stringify(merged))).toEqual(
      JSON.parse(
        '{"a":5,"nested":{"b":7,"__proto__":{"p":1}},"__proto__":{"polluted":true},"constructor":"x"}',
      ),
    );
    expect(unknownKeys({ a: 1 }, { a: 1 })).toBeNull();
  });

  it('reset drops the unknown keys with the rest of the file (kept in the backup)', async () => {
    const dir = await newDir();
    await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify({ ...sampleSettings(1), extra: 1 }));
    const store = createSettingsStore({ dir, clock, env: {} });
    await store.load();
    expect((await store.reset()).ok).toBe(true);
    expect(await fs.readFile(path.join(dir, 'settings.json'), 'utf8')).not.toContain('extra');
  });
});
