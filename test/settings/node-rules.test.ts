/**
 * Node pool / node class rules in the settings file: a file written before they existed loads unchanged (and is
 * not rewritten by loading), the new fields round-trip with hostile names as plain strings, and a bad name is a
 * clear problem naming its path.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterSettingsSchema, NotificationRulesSchema } from '../../common/settings-schema.js';
import { createSettingsStore } from '../../main/core/settings/store.js';
import { useTempDirs } from '../support/tmp.js';

const clock = (): number => Date.UTC(2025, 4, 1);
const newDir = useTempDirs('settings-node-rules');

/** A settings file as a build before node pool / class rules wrote it. */
const OLD_FILE = {
  schemaVersion: 1,
  global: {},
  clusters: [
    {
      id: 'prod',
      name: 'prod',
      addresses: ['http://127.0.0.1:4646'],
      notifications: { muted: false, only: [], never: ['node-down', 'member-left'] },
    },
  ],
};

describe('settings: node pool / class rules', () => {
  it('an old file (rules without nodePools / nodeClasses) loads with its rules, and loading writes nothing', async () => {
    const dir = await newDir();
    const file = path.join(dir, 'settings.json');
    const text = JSON.stringify(OLD_FILE, null, 2);
    await fs.writeFile(file, text);
    const loaded = await createSettingsStore({ dir, clock, env: {} }).load();
    expect(loaded.problems).toEqual([]);
    expect(loaded.source).toBe('file');
    const rules = loaded.settings.clusters[0]?.notifications;
    expect(rules).toEqual({ muted: false, only: [], never: ['node-down', 'member-left'] });
    expect(rules?.nodePools).toBeUndefined();
    expect(await fs.readFile(file, 'utf8')).toBe(text);
  });

  it('pools and classes round-trip; a filter gets defaults; hostile names stay plain strings', () => {
    const parsed = NotificationRulesSchema.parse({
      nodePools: { never: ['__proto__', 'constructor'] },
      nodeClasses: { only: ['gpu', 'toString'] },
    });
    expect(parsed.nodePools).toEqual({ only: [], never: ['__proto__', 'constructor'] });
    expect(parsed.nodeClasses).toEqual({ only: ['gpu', 'toString'], never: [] });
    expect(Object.getPrototypeOf(parsed.nodePools)).toBe(Object.prototype);
    expect(NotificationRulesSchema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });

  it('an empty name or one with control characters is refused, naming where', () => {
    const cluster = (pools: unknown) => ({
      id: 'prod',
      name: 'prod',
      addresses: ['http://127.0.0.1:4646'],
      notifications: { nodePools: pools },
    });
    for (const bad of [{ never: [''] }, { only: ['web\u001b[31m'] }, { never: 'batch' }]) {
      const r = ClusterSettingsSchema.safeParse(cluster(bad));
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path.slice(0, 2)).toEqual(['notifications', 'nodePools']);
    }
  });
});
