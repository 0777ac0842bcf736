/**
 * Text from Nomad never reaches the terminal as control characters: member names, statuses and error bodies with
 * ESC sequences (clear screen, window title), C1 CSI, DEL, CR and bidi overrides are printed escaped by the real
 * CLI process; `--json` output stays JSON and keeps the exact names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeTerminal } from '../../main/cli/format.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';
import { cleanEnv, runCli } from './run-cli.js';

const TITLE = '\u001b]0;pwned\u0007title.global';
const CLEAR = '\u001b[2J\u001b[Hclear.global';
const RTL = 'abc\u202egnp.exe.global';
const CSI = 'c1\u009b31mred\u007f\r\tfake.global';
/** Anything a terminal would act on. */
// eslint-disable-next-line no-control-regex -- the test looks for exactly these
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let sim: SimCluster;
beforeAll(async () => {
  sim = await startCluster({ serverNames: [TITLE, CLEAR, RTL, CSI], serversPerRegion: 4 });
  sim.setStatus(CSI, '\u001b[31mfailing\u001b[0m');
});
afterAll(async () => {
  await sim.close();
});

describe('terminal escapes', () => {
  it('escapeTerminal makes every unsafe character a visible \\uXXXX and leaves the rest', () => {
    expect(escapeTerminal('a\u001b[2Jb\n\u202ec\u009b')).toBe('a\\u001b[2Jb\n\\u202ec\\u009b');
    expect(escapeTerminal('server-1.global 127.0.0.1 ✓ é')).toBe('server-1.global 127.0.0.1 ✓ é');
    const json = JSON.stringify({ name: CSI });
    expect(JSON.parse(escapeTerminal(json))).toEqual({ name: CSI });
  });

  it('status and members print hostile names and statuses escaped', async () => {
    const url = sim.servers()[0]?.url ?? '';
    const [status, members] = await Promise.all([
      runCli(['status', '--address', url], cleanEnv()),
      runCli(['members', '--address', url], cleanEnv()),
    ]);
    for (const r of [status, members]) {
      expect(r.stdout.replace(/\n/g, '')).not.toMatch(RAW);
      expect(r.stderr.replace(/\n/g, '')).not.toMatch(RAW);
      expect(r.stdout).toContain('\\u001b]0;pwned\\u0007title.global');
      expect(r.stdout).toContain('abc\\u202egnp.exe.global');
      expect(r.stdout).toContain('\\u001b[31mfailing\\u001b[0m');
    }
  });

  it('status --json stays JSON with the exact names', async () => {
    const url = sim.servers()[0]?.url ?? '';
    const r = await runCli(['status', '--json', '--address', url], cleanEnv());
    expect(r.stdout.replace(/\n/g, '')).not.toMatch(RAW);
    const text = JSON.stringify(JSON.parse(r.stdout));
    for (const name of [TITLE, CLEAR, RTL, CSI]) expect(text).toContain(JSON.stringify(name).slice(1, -1));
  });

  it('an error body from the agent is printed escaped', async () => {
    const agent = sim.servers()[1];
    sim.inject(agent?.name ?? '', {
      kind: 'status',
      status: 500,
      body: '\u001b[2J\u001b]0;owned\u0007 rpc error',
    });
    const r = await runCli(['members', '--address', agent?.url ?? ''], cleanEnv());
    sim.clear(agent?.name ?? '');
    expect(r.stderr).toContain('\\u001b[2J\\u001b]0;owned\\u0007 rpc error');
    expect(r.stderr.replace(/\n/g, '')).not.toMatch(RAW);
  });
});
