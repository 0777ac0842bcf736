/**
 * TLS and token files are read only when they are regular files under a size cap: a FIFO, /dev/zero, a huge file
 * or a directory is a clear error on that cluster, never a hang, an abort or a crash loop. Real special files.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ok } from '../../common/result.js';
import { createMonitor } from '../../main/core/engine/index.js';
import type { Monitor } from '../../main/core/engine/index.js';
import {
  MAX_TLS_FILE_BYTES,
  MAX_TOKEN_FILE_BYTES,
  readBounded,
  readBoundedSync,
} from '../../main/core/files/bounded-read.js';
import { readTokenFile, resolveToken } from '../../main/core/settings/index.js';
import { runCli, cleanEnv } from '../cli/run-cli.js';
import { clusterSettings, realTimers, settingsWith, testClientFactory, waitFor } from '../engine/helpers.js';
import { startCluster } from '../nomad-sim/index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nomad-tray-files-'));
const fifo = path.join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
const huge = path.join(dir, 'huge.pem');
const fd = openSync(huge, 'w');
ftruncateSync(fd, 64 * 1024 * 1024); // sparse: 64 MiB of zeros without writing them
closeSync(fd);
const folder = path.join(dir, 'folder');
mkdirSync(folder);
const token = path.join(dir, 'token');
writeFileSync(token, 'a-token-line\nignored\n');
afterAll(() => execFileSync('rm', ['-rf', dir]));

/** Files and what the rules say about each. */
const HOSTILE: Array<[string, string, RegExp]> = [
  ['a FIFO', fifo, /is a FIFO, not a regular file/],
  ['/dev/zero', '/dev/zero', /is a character device, not a regular file/],
  ['a huge file', huge, /is larger than the \d+-byte limit/],
  ['a directory', folder, /is a directory, not a regular file/],
];

describe('bounded reads', () => {
  it.each(HOSTILE)('sync: %s is refused at once', (_what, file, reason) => {
    expect(() => readBoundedSync(file, MAX_TLS_FILE_BYTES)).toThrow(reason);
  });

  it.each(HOSTILE)('async: %s is refused at once', async (_what, file, reason) => {
    await expect(readBounded(file, MAX_TOKEN_FILE_BYTES, 2_000)).rejects.toThrow(reason);
  });

  it('a regular file under the cap reads as usual; one byte over is refused', async () => {
    expect(await readTokenFile(token)).toBe('a-token-line\nignored\n');
    const over = path.join(dir, 'over');
    writeFileSync(over, 'x'.repeat(MAX_TOKEN_FILE_BYTES + 1));
    await expect(readTokenFile(over)).rejects.toThrow(/larger than the 65536-byte limit/);
  });

  it('a FIFO token file is a clear error, and ten attempts leave the thread pool free', async () => {
    for (let i = 0; i < 10; i += 1) {
      const r = await resolveToken(
        { source: 'file', path: fifo },
        { env: {}, readFile: readTokenFile, clusterId: 'p' },
      );
      expect(r).toEqual({
        ok: false,
        error: `cluster p: could not read token file ${fifo}: is a FIFO, not a regular file`,
      });
    }
    // libuv has 4 threads: had the attempts blocked on the FIFO, this read would never finish.
    expect(await readFile(token, 'utf8')).toContain('a-token-line');
  });
});

describe('a cluster whose TLS or token file is hostile', () => {
  let monitor: Monitor | null = null;
  afterAll(async () => {
    await monitor?.stop();
  });

  it('shows the error state naming the file and why, keeps polling, and the other cluster stays fine', async () => {
    const sim = await startCluster();
    try {
      const url = sim.agents[0]?.url ?? '';
      const zero = {
        ...clusterSettings('zero', [url], 100),
        tls: { caCert: '/dev/zero', skipVerify: false },
      };
      const pipe = { ...clusterSettings('pipe', [url], 100), token: { source: 'file' as const, path: fifo } };
      const good = clusterSettings('good', [url], 100);
      let beats = 0;
      const beat = setInterval(() => (beats += 1), 10);
      monitor = createMonitor({
        settings: settingsWith([zero, pipe, good]),
        clientFactory: testClientFactory,
        tokenFor: async (c) =>
          c.token.source === 'file'
            ? resolveToken(c.token, { env: {}, readFile: readTokenFile, clusterId: c.id })
            : ok(undefined),
        timers: realTimers,
        notifier: { notify: () => undefined },
        history: { append: () => undefined },
        random: () => 0.5,
      });
      const m = monitor;
      m.start();
      const view = (id: string) => m.views().find((v) => v.id === id);
      await waitFor(
        'states',
        () =>
          view('zero')?.state === 'error' &&
          view('pipe')?.state === 'error' &&
          view('good')?.state === 'healthy',
      );
      expect(view('zero')?.reasons[0]).toBe(
        'settings: CA certificate /dev/zero cannot be read (is a character device, not a regular file)',
      );
      expect(view('pipe')?.reasons[0]).toBe(
        `settings: cluster pipe: could not read token file ${fifo}: is a FIFO, not a regular file`,
      );
      const polled = view('zero')?.lastPoll ?? 0;
      await waitFor('another poll', () => (view('zero')?.lastPoll ?? 0) > polled);
      expect(view('zero')?.state).toBe('error');
      clearInterval(beat);
      expect(beats).toBeGreaterThan(5); // the event loop kept turning
    } finally {
      await monitor?.stop();
      monitor = null;
      await sim.close();
    }
  });

  it('the CLI with --ca-cert /dev/zero or a FIFO exits with a clear error, no abort, no hang', async () => {
    const cases: Array<[string, RegExp]> = [
      [
        '/dev/zero',
        /CA certificate \/dev\/zero cannot be read \(is a character device, not a regular file\)/,
      ],
      [fifo, /is a FIFO, not a regular file/],
    ];
    await Promise.all(
      cases.map(async ([file, reason]) => {
        const r = await runCli(['status', '--address', 'https://127.0.0.1:1', '--ca-cert', file], cleanEnv());
        expect(r.stdout + r.stderr).toMatch(reason);
        expect(r.stderr).not.toMatch(/bad_alloc|Aborted|at .*\.ts:\d+/);
        expect(r.code).toBe(78); // EX_CONFIG: the settings (here a flag) name an unusable file
      }),
    );
  });
});
