/** Shared helpers of the settings tests: a private temp config dir and a sample settings value. */
import fs from 'node:fs/promises';
import { SETTINGS_SCHEMA_VERSION, SettingsSchema } from '../../common/settings-schema.js';
import type { Settings } from '../../common/settings-schema.js';
import { tempDir as tempDirFor } from '../support/tmp.js';

/** A fresh empty directory under the OS temp dir. */
export async function tempDir(): Promise<string> {
  return tempDirFor('settings');
}

/** A valid settings value with `n` in a few fields, so different values are distinguishable. */
export function sampleSettings(n = 1): Settings {
  return SettingsSchema.parse({
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    clusters: [
      {
        id: `prod-${n}`,
        name: `Production ${n}`,
        addresses: [`https://nomad-${n}.example:4646`, 'https://10.0.0.2:4646'],
        region: 'global',
        token: { source: 'file', path: '/home/ann/.nomad-token' },
        tls: { caCert: '/etc/nomad/ca.pem', serverName: 'server.global.nomad' },
        pollIntervalMs: 1000 + n,
      },
    ],
    global: { confirmPolls: 3, quietHours: { enabled: true, start: '23:00', end: '06:30' } },
  });
}

/** Directory entries, sorted. */
export async function listDir(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).sort();
}
