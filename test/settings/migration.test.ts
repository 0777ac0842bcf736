import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { err, ok } from '../../common/result.js';
import { SETTINGS_SCHEMA_VERSION } from '../../common/settings-schema.js';
import { createSettingsStore } from '../../main/core/settings/store.js';
import { migrateRaw } from '../../main/core/settings/migrate.js';
import type { MigrationTable } from '../../main/core/settings/migrate.js';
import { nameFromAddress } from '../../main/core/settings/defaults.js';
import { listDir, tempDir } from './helpers.js';

/**
 * A test-only "version 0" format proving the mechanism: v0 listed bare agent URLs and one poll interval in
 * seconds. v1 has clusters with addresses and pollIntervalMs.
 */
const V0Schema = z.object({ agents: z.array(z.string().min(1)).min(1), intervalSec: z.number().positive() });
const v0ToV1: MigrationTable = {
  0: (raw) => {
    const v0 = V0Schema.safeParse(raw);
    if (!v0.success)
      return err(`not a version 0 file: ${v0.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    return ok({
      clusters: v0.data.agents.map((address, i) => ({
        id: `agent-${i + 1}`,
        name: nameFromAddress(address),
        addresses: [address],
        pollIntervalMs: Math.round(v0.data.intervalSec * 1000),
      })),
    });
  },
};

const clock = (): number => Date.UTC(2025, 0, 2, 3, 4, 5);
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

describe('settings migrations', () => {
  it('v0 {agents, intervalSec} → v1 clusters; the file is rewritten and the original kept', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const v0 = { agents: ['http://10.0.0.1:4646', 'https://nomad.example:4646'], intervalSec: 15 };
    await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify(v0));
    const loaded = await createSettingsStore({ dir, clock, env: {}, migrations: v0ToV1 }).load();
    expect(loaded.problems).toEqual([]);
    expect(loaded.migratedFrom).toBe(0);
    expect(loaded.source).toBe('file');
    expect(loaded.settings.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
    expect(loaded.settings.clusters.map((c) => c.addresses[0])).toEqual(v0.agents);
    expect(loaded.settings.clusters.map((c) => c.pollIntervalMs)).toEqual(
      v0.agents.map(() => v0.intervalSec * 1000),
    );

    const names = await listDir(dir);
    const backup = names.find((n) => n.startsWith('settings.json.bak-v0-'));
    expect(backup).toBeDefined();
    expect(JSON.parse(await fs.readFile(path.join(dir, backup!), 'utf8'))).toEqual(v0);
    // The rewritten file is current: the next load needs no migration.
    const again = await createSettingsStore({ dir, clock, env: {}, migrations: v0ToV1 }).load();
    expect(again.migratedFrom).toBeUndefined();
    expect(again.settings).toEqual(loaded.settings);
  });

  it('a read-only load (the CLI) migrates in memory only: the old file is neither rewritten nor copied', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const text = JSON.stringify({ agents: ['http://10.0.0.1:4646'], intervalSec: 15 });
    await fs.writeFile(path.join(dir, 'settings.json'), text);
    const store = createSettingsStore({ dir, clock, env: {}, migrations: v0ToV1, readOnly: true });
    const loaded = await store.load();
    expect(loaded.source).toBe('file');
    expect(loaded.settings.clusters[0]?.addresses).toEqual(['http://10.0.0.1:4646']);
    expect(await listDir(dir)).toEqual(['settings.json']);
    expect(await fs.readFile(path.join(dir, 'settings.json'), 'utf8')).toBe(text);
  });

  it('a broken v0 file is reported with the migration error and left where it is', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify({ agents: [], intervalSec: 5 }));
    const loaded = await createSettingsStore({ dir, clock, env: {}, migrations: v0ToV1 }).load();
    expect(loaded.source).toBe('unusable');
    expect(loaded.problems.join('\n')).toContain('agents');
    expect(await listDir(dir)).toEqual(['settings.json']);
  });

  it('without a migration for its version, a file is reported as unusable (production has none for v0)', () => {
    expect(migrateRaw({ agents: ['x'], intervalSec: 1 })).toEqual({
      kind: 'failed',
      message: 'no migration from settings version 0',
    });
    expect(migrateRaw({ schemaVersion: SETTINGS_SCHEMA_VERSION + 3 })).toEqual({
      kind: 'newer',
      version: SETTINGS_SCHEMA_VERSION + 3,
    });
    expect(migrateRaw([1, 2]).kind).toBe('failed');
  });

  it('migrations chain N → N+1 until the current version', () => {
    const seen: number[] = [];
    const table: MigrationTable = {
      0: (raw) => (seen.push(0), ok({ ...raw, a: 1 })),
      1: (raw) => (seen.push(1), ok({ ...raw, b: 2 })),
    };
    const out = migrateRaw({}, table, 2);
    expect(seen).toEqual([0, 1]);
    expect(out).toEqual({ kind: 'current', from: 0, raw: { a: 1, b: 2, schemaVersion: 2 } });
  });
});
