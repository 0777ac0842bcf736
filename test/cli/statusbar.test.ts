/** `status --format waybar|xbar` through the real CLI against the simulator: a status-bar glance without Electron. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { cleanEnv, runCli } from './run-cli.js';

let sim: SimCluster;
beforeAll(async () => {
  sim = await startCluster({ serversPerRegion: 3 });
});
afterAll(async () => {
  await sim.close();
});

describe('status for status bars', { timeout: 60_000 }, () => {
  it('waybar: one JSON object with text, tooltip and the worst state as class', async () => {
    const url = sim.agent('server-1').url;
    const healthy = await runCli(['status', '--format', 'waybar', '--address', url]);
    expect(healthy.code).toBe(0);
    const doc = JSON.parse(healthy.stdout) as Record<string, string>;
    expect(doc).toEqual({
      text: '● Nomad 1 healthy',
      tooltip: `${new URL(url).hostname}: healthy`,
      class: 'healthy',
      alt: 'healthy',
    });
    sim.fail('server-2');
    try {
      const critical = await runCli(['status', '--format', 'waybar', '--address', url]);
      expect(critical.code).toBe(0);
      const d = JSON.parse(critical.stdout) as Record<string, string>;
      // One of three servers failed: quorum at zero margin, critical.
      expect(d['class']).toBe('critical');
      expect(d['text']).toBe('✖ Nomad 1 critical');
      expect(d['tooltip']).toMatch(/: critical \(/);
    } finally {
      sim.recover('server-2');
    }
  });

  it('xbar/SwiftBar: headline, ---, one coloured line per cluster; an unreachable agent is grey, never green', async () => {
    const ok = await runCli(['status', '--format', 'xbar', '--address', sim.agent('server-1').url]);
    expect(ok.code).toBe(0);
    const lines = ok.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('● Nomad 1 healthy | color=#009e73');
    expect(lines[1]).toBe('---');
    expect(lines[2]).toBe('127.0.0.1: healthy | color=#009e73');
    const down = await runCli(['status', '--format', 'xbar', '--address', 'http://127.0.0.1:1']);
    expect(down.code).toBe(0);
    expect(down.stdout.split('\n')[0]).toBe('◌ Nomad 1 unreachable | color=#8c8c8c');
  });

  it('a hostile cluster name cannot break either format (Pango markup for Waybar, "|" and lines for xbar)', async () => {
    const env = cleanEnv();
    const name = 'R&D <b>prod</b> | color=red\n---\u2028x';
    writeFileSync(
      path.join(env['NOMAD_TRAY_CONFIG_DIR'] ?? '', 'settings.json'),
      JSON.stringify({
        schemaVersion: 1,
        clusters: [{ id: 'rd', name, addresses: [sim.agent('server-1').url] }],
      }),
    );
    const waybar = await runCli(['status', '--format', 'waybar'], env);
    expect(waybar.code).toBe(0);
    const doc = JSON.parse(waybar.stdout) as Record<string, string>;
    // Waybar parses text and tooltip as Pango markup (its `escape` option is off by default).
    expect(doc['tooltip']).toBe('R&amp;D &lt;b&gt;prod&lt;/b&gt; | color=red --- x: healthy');
    expect(doc['text']).toBe('● Nomad 1 healthy');
    const xbar = await runCli(['status', '--format', 'xbar'], env);
    const lines = xbar.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3); // headline, ---, one line: the name adds none
    expect(lines[2]).toBe('R&D <b>prod</b> ¦ color=red --- x: healthy | color=#009e73');
  });

  it('an unknown format is a usage error (exit 64, one line)', async () => {
    const r = await runCli(['status', '--format', 'i3blocks', '--address', sim.agent('server-1').url]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe('nomad-tray: --format "i3blocks" must be one of: waybar, xbar\n');
  });
});
