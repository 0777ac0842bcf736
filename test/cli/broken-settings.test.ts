/**
 * A settings.json the CLI cannot use, through the real CLI process: read-only commands never move, rewrite or
 * clean anything in the config directory, say what is wrong in one line with exit 78, and never poll the
 * NOMAD_ADDR cluster in its place. A BOM is fine; --address still works.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsFile } from '../app/helpers.js';
import { cleanEnv, runCli } from './run-cli.js';

/** A config dir holding `text` as settings.json; returns the env and a snapshot function. */
function configWith(text: string, extra: Record<string, string> = {}) {
  const env = cleanEnv(extra);
  const dir = env['NOMAD_TRAY_CONFIG_DIR']!;
  writeFileSync(path.join(dir, 'settings.json'), text);
  writeFileSync(path.join(dir, 'settings.json.tmp-999999-1'), 'leftover of a dead writer');
  const snapshot = (): Record<string, string> =>
    Object.fromEntries(
      readdirSync(dir)
        .sort()
        .map((n) => [n, readFileSync(path.join(dir, n), 'utf8')]),
    );
  return { env, dir, snapshot };
}

// NOMAD_ADDR points at a closed port: a silent fallback to it would show as "unreachable" (exit 2).
const NOMAD = { NOMAD_ADDR: 'http://127.0.0.1:1' };

// Each case spawns a node + tsx process: sequential, with room for a loaded machine.
describe('CLI with a settings.json it cannot use', { timeout: 60_000 }, () => {
  it.each([
    ['status', 'not JSON', '{"schemaVersion": 1, "clusters": [', /is not valid JSON/],
    ['members', 'schema-invalid', settingsFile([{ id: 'x', addresses: [] }]), /clusters\.0\.addresses/],
    ['self', 'from a newer version', '{"schemaVersion": 99, "clusters": []}', /newer Nomad Tray/],
  ])(
    '%s with a file that is %s: exit 78, one line, nothing on disk changed',
    async (command, _what, text, says) => {
      const c = configWith(text, NOMAD);
      const before = c.snapshot();
      const r = await runCli([command], c.env);
      expect(r.code).toBe(78);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(says);
      expect(lines[0]).toContain(path.join(c.dir, 'settings.json'));
      expect(lines[0]).toContain('nothing was changed');
      expect(c.snapshot()).toEqual(before);
    },
  );

  it('control characters of a hostile file reach the terminal only as visible escapes', async () => {
    const c = configWith('\u001b[2J\u001b]0;owned\u0007 not json', NOMAD);
    const r = await runCli(['status'], c.env);
    expect(r.code).toBe(78);
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F]/);
    expect(r.stderr).toContain('\\x1b');
  });

  it('--address names the cluster: the broken file is mentioned, ignored and left alone', async () => {
    const c = configWith('not json at all', NOMAD);
    const before = c.snapshot();
    const r = await runCli(['status', '--json', '--address', 'http://127.0.0.1:1'], c.env);
    expect(r.code).toBe(2); // the (closed) --address agent, not a settings error
    expect(r.stderr).toMatch(/settings: .*not valid JSON.*ignored for --address/);
    expect(c.snapshot()).toEqual(before);
  });

  it('a UTF-8 BOM is accepted: the configured cluster is polled', async () => {
    const c = configWith(`\uFEFF${settingsFile([{ id: 'bom-cluster', addresses: ['http://127.0.0.1:1'] }])}`);
    const before = c.snapshot();
    const r = await runCli(['status', '--json'], c.env);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('settings');
    expect((JSON.parse(r.stdout) as { clusters: Array<{ name: string }> }).clusters[0]?.name).toBe(
      'bom-cluster',
    );
    expect(c.snapshot()).toEqual(before);
  });
});
