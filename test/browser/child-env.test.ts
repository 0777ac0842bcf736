/**
 * No child process inherits a secret: the browser opener and the notifier's helper (notify-send) are real
 * programs started with the environment, so NOMAD_TOKEN, NOMAD_HTTP_AUTH, NOMAD_CLIENT_KEY and similar are
 * removed before any child starts. Fakes on PATH record what they got.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, isSecretEnvName, keepSecretsFromChildren } from '../../main/core/redact/child-env.js';
import { waitFor } from '../app/helpers.js';
import { ROOT } from '../cli/run-cli.js';

const SECRETS = {
  NOMAD_TOKEN: 'tok-0c7f1a2b-3c4d-5e6f-7a8b-9c0d1e2f3a4b',
  NOMAD_HTTP_AUTH: 'ops:basic-secret-pass',
  NOMAD_CLIENT_KEY: '-----BEGIN PRIVATE KEY-----\nMIIEv-secret\n-----END PRIVATE KEY-----',
  VAULT_TOKEN: 'hvs.vault-secret-token',
  CONSUL_HTTP_TOKEN: 'consul-secret-token',
  CONSUL_HTTP_AUTH: 'ops:consul-secret-pass',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-access-key-value',
};

describe('which variables a child may inherit', () => {
  it.each(Object.keys(SECRETS))('%s is a secret', (name) => expect(isSecretEnvName(name)).toBe(true));
  it.each(['PATH', 'HOME', 'DISPLAY', 'XAUTHORITY', 'DBUS_SESSION_BUS_ADDRESS', 'LANG'])(
    '%s is passed on',
    (name) => expect(isSecretEnvName(name)).toBe(false),
  );

  it('strips the live environment but keeps the app its own copy', () => {
    const live: Record<string, string | undefined> = { ...SECRETS, PATH: '/bin' };
    const own = keepSecretsFromChildren(live);
    expect(live).toEqual({ PATH: '/bin' });
    expect(own).toEqual({ ...SECRETS, PATH: '/bin' });
    expect(childEnv(own)).toEqual({ PATH: '/bin' });
  });
});

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe.skipIf(process.platform !== 'linux')('real child processes', () => {
  it('the browser opener and notify-send inherit no secret', async () => {
    const bin = await mkdtemp(path.join(os.tmpdir(), 'nomad-tray-fake-bin-'));
    dirs.push(bin);
    for (const name of ['xdg-open', 'notify-send']) {
      const file = path.join(bin, name);
      // Written aside and renamed, so the test never reads a file the shell has created but not yet filled.
      await writeFile(
        file,
        `#!/bin/sh\nenv > "${bin}/${name}.part" && mv "${bin}/${name}.part" "${bin}/${name}.env"\n`,
      );
      await chmod(file, 0o755);
    }
    const env = { ...process.env, ...SECRETS, PATH: `${bin}:${process.env['PATH'] ?? ''}` };
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'test/browser/fixtures/child-env-probe.ts')],
      { cwd: ROOT, env, timeout: 60_000 },
    );
    for (const name of ['xdg-open', 'notify-send']) {
      const seen = await waitFor(`${name} to record its environment`, () =>
        readFile(path.join(bin, `${name}.env`), 'utf8').catch(() => undefined),
      );
      expect(seen).toContain(`PATH=${bin}`);
      for (const [key, value] of Object.entries(SECRETS)) {
        expect(seen).not.toContain(`${key}=`);
        expect(seen).not.toContain(value.split('\n')[0]);
      }
    }
  }, 90_000);
});
