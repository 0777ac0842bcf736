/**
 * TLS and token files are read asynchronously, only when they are regular files under a size cap, within a
 * timeout: a FIFO, /dev/zero (directly or through a symlink), a huge file, a directory or a missing file is a
 * clear error on that cluster (engine, app window, test connection, CLI), never a hang, an abort or a crash loop;
 * a read that hangs (a hung mount) is given up and never fills libuv's thread pool. Real special files.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  constants,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { open, readdir, readFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../common/result.js';
import type { WireClusterView } from '../../common/domain.js';
import type { SettingsView } from '../../common/ipc-contract.js';
import type { ClusterSettings } from '../../common/settings-schema.js';
import { createMonitor } from '../../main/core/engine/index.js';
import type { Monitor } from '../../main/core/engine/index.js';
import {
  createBoundedReader,
  fileErrorText,
  MAX_HANGING_READS,
  TLS_FILE_LIMITS,
  TOKEN_FILE_LIMITS,
} from '../../main/core/files/bounded-read.js';
import { readTokenFile, resolveToken } from '../../main/core/settings/index.js';
import { startCore, waitFor as waitForValue } from '../app/helpers.js';
import { cleanEnv, runCli, tempConfigDir } from '../cli/run-cli.js';
import { clusterSettings, realTimers, settingsWith, testClientFactory, waitFor } from '../engine/helpers.js';
import { startCluster } from '../nomad-sim/index.js';
import type { SimCluster } from '../nomad-sim/index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'nomad-tray-files-'));
const fifo = path.join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
const huge = path.join(dir, 'huge.pem');
const fd = openSync(huge, 'w');
ftruncateSync(fd, 64 * 1024 * 1024); // sparse: 64 MiB of zeros without writing them
closeSync(fd);
const folder = path.join(dir, 'folder');
mkdirSync(folder);
const zeroLink = path.join(dir, 'ca-link.pem');
symlinkSync('/dev/zero', zeroLink);
const missing = path.join(dir, 'missing.pem');
const token = path.join(dir, 'token');
writeFileSync(token, 'a-token-line\nignored\n');
afterAll(() => execFileSync('rm', ['-rf', dir]));

/** Hostile files and the reason the rules give for each. */
const HOSTILE: Array<[string, string, string]> = [
  ['a FIFO with no writer', fifo, 'is a FIFO, not a regular file'],
  ['/dev/zero', '/dev/zero', 'is a character device, not a regular file'],
  ['a symlink to /dev/zero', zeroLink, 'is a character device, not a regular file'],
  ['a huge file', huge, `is larger than the ${TLS_FILE_LIMITS.maxBytes}-byte limit`],
  ['a directory', folder, 'is a directory, not a regular file'],
  ['a missing file', missing, 'does not exist'],
];

/** Why the reader refuses `file`, as the user reads it. */
async function refusal(read: Promise<string>): Promise<string> {
  try {
    await read;
    return 'read';
  } catch (e) {
    return fileErrorText(e);
  }
}

describe('the bounded reader', () => {
  it.each(HOSTILE)('%s is refused with its reason', async (_what, file, reason) => {
    expect(await refusal(createBoundedReader().read(file, TLS_FILE_LIMITS))).toBe(reason);
  });

  it('a regular file under the cap reads as usual; one byte over is refused', async () => {
    expect(await readTokenFile(token)).toBe('a-token-line\nignored\n');
    const over = path.join(dir, 'over');
    writeFileSync(over, 'x'.repeat(TOKEN_FILE_LIMITS.maxBytes + 1));
    expect(await refusal(readTokenFile(over))).toBe('is larger than the 65536-byte limit');
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

  it('a read that hangs (a blocking open, like a hung mount) times out, is closed once it returns, and never fills the pool', async () => {
    // An `open` that blocks a pool thread for real: FIFOs opened WITHOUT O_NONBLOCK wait for a writer.
    const hung = [path.join(dir, 'hung-1'), path.join(dir, 'hung-2'), path.join(dir, 'hung-3')];
    for (const f of hung) execFileSync('mkfifo', [f]);
    const handles: FileHandle[] = [];
    const reader = createBoundedReader({
      open: async (file, flags) => {
        const handle = await open(file, flags & ~constants.O_NONBLOCK);
        handles.push(handle);
        return handle;
      },
      readdir,
    });
    const limits = { maxBytes: 1024, timeoutMs: 50 };
    const writers: FileHandle[] = [];
    try {
      expect(await refusal(reader.read(hung[0]!, limits))).toBe('was not read within 50 ms');
      // The same path is not tried again while its read hangs: no second thread is spent on it.
      expect(await refusal(reader.read(hung[0]!, limits))).toBe(
        'was not read: an earlier read of it has not finished (a hung mount?)',
      );
      expect(await refusal(reader.read(hung[1]!, limits))).toBe('was not read within 50 ms');
      // MAX_HANGING_READS threads hang: nothing else is tried, so the pool keeps threads for everything else.
      expect(MAX_HANGING_READS).toBe(2);
      expect(await refusal(reader.read(hung[2]!, limits))).toBe(
        'was not read: 2 earlier file reads have not finished',
      );
      expect(await readFile(token, 'utf8')).toContain('a-token-line');
      // A writer appears (the mount answers): the abandoned reads return, close their files and free the guard.
      for (const f of hung.slice(0, 2))
        writers.push(await open(f, constants.O_WRONLY | constants.O_NONBLOCK));
      await waitFor(
        'abandoned reads closed',
        () => handles.length === 2 && handles.every((h) => h.fd === -1),
      );
      // A generous timeout here: this read must not count as hanging on a busy machine.
      const patient = { maxBytes: 1024, timeoutMs: 10_000 };
      await waitForValue(
        'the guard released',
        async () => (await refusal(reader.read(token, patient))) === 'read',
      );
    } finally {
      // Never leave a thread blocked: give every FIFO a writer, then close everything.
      for (const f of hung) {
        const w = await open(f, constants.O_WRONLY | constants.O_NONBLOCK).catch(() => null);
        if (w) writers.push(w);
      }
      await Promise.all(writers.map((w) => w.close()));
    }
  });
});

/** One cluster per hostile file, as CA certificate. */
function hostileClusters(url: string): ClusterSettings[] {
  return HOSTILE.map(([, file], i) => ({
    ...clusterSettings(`ca${i}`, [url], 100),
    tls: { caCert: file, skipVerify: false },
  }));
}

/** The first reason the user reads for cluster `ca<i>` (hostile file `i` as CA certificate). */
function caReason(i: number): string {
  const [what, file, reason] = HOSTILE[i]!;
  // A directory is a valid CA path (every certificate in it); this empty one holds none.
  if (what === 'a directory') return `settings: CA certificate ${file}: no PEM certificates in it`;
  return `settings: CA certificate ${file} cannot be read (${reason})`;
}

describe('a cluster whose TLS or token file is hostile', () => {
  let sim: SimCluster;
  let url: string;
  beforeAll(async () => {
    sim = await startCluster();
    url = sim.agents[0]?.url ?? '';
  });
  afterAll(async () => {
    await sim.close();
  });

  it('engine: each shows the error state naming the file and why, keeps polling, and a good cluster stays fine', async () => {
    const pipe = { ...clusterSettings('pipe', [url], 100), token: { source: 'file' as const, path: fifo } };
    const keyDir = {
      ...clusterSettings('keydir', [url], 100),
      tls: { clientCert: folder, clientKey: folder, skipVerify: false },
    };
    const good = clusterSettings('good', [url], 100);
    const clusters = [...hostileClusters(url), pipe, keyDir, good];
    let beats = 0;
    const beat = setInterval(() => (beats += 1), 10);
    const monitor: Monitor = createMonitor({
      settings: settingsWith(clusters),
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
    try {
      monitor.start();
      const view = (id: string) => monitor.views().find((v) => v.id === id);
      await waitFor('states', () =>
        clusters.every((c) => view(c.id)?.state === (c.id === 'good' ? 'healthy' : 'error')),
      );
      HOSTILE.forEach((_, i) => expect(view(`ca${i}`)?.reasons[0]).toBe(caReason(i)));
      expect(view('pipe')?.reasons[0]).toBe(
        `settings: cluster pipe: could not read token file ${fifo}: is a FIFO, not a regular file`,
      );
      expect(view('keydir')?.reasons[0]).toBe(
        `settings: Client certificate ${folder} cannot be read (is a directory, not a regular file)`,
      );
      // Polling goes on (the file is tried again each poll), and the event loop kept turning meanwhile.
      const polled = view('ca1')?.lastPoll ?? 0;
      await waitFor('another poll', () => (view('ca1')?.lastPoll ?? 0) > polled);
      expect(view('ca1')?.state).toBe('error');
      expect(beats).toBeGreaterThan(0);
    } finally {
      clearInterval(beat);
      await monitor.stop();
    }
  });

  it('app: the window lists each cluster in the error state with the file and why; test connection says the same', async () => {
    const settings = {
      schemaVersion: 1,
      clusters: [
        ...HOSTILE.map(([, file], i) => ({
          id: `ca${i}`,
          name: `ca${i}`,
          addresses: [url],
          pollIntervalMs: 500,
          tls: { caCert: file },
        })),
        {
          id: 'pipe',
          name: 'pipe',
          addresses: [url],
          pollIntervalMs: 500,
          token: { source: 'file', path: fifo },
        },
      ],
      global: { confirmPolls: 1, recoveryPolls: 1 },
    };
    const h = await startCore(JSON.stringify(settings));
    try {
      const list = async () => {
        const r = await h.core.dispatch('clusters:list', {});
        return r.ok ? (r.value as WireClusterView[]) : [];
      };
      const views = await waitForValue('error states', async () => {
        const all = await list();
        return all.length === HOSTILE.length + 1 && all.every((v) => v.state === 'error') && all;
      });
      const reasons = new Map(views.map((v) => [v.id, v.reasons[0]]));
      HOSTILE.forEach((_, i) => expect(reasons.get(`ca${i}`)).toBe(caReason(i)));
      expect(reasons.get('pipe')).toBe(
        `settings: cluster pipe: could not read token file ${fifo}: is a FIFO, not a regular file`,
      );
      // settings:get reads the FIFO token file too: answered, "not set", never a hang.
      const got = await h.core.dispatch('settings:get', {});
      expect(got.ok && (got.value as SettingsView).tokens['pipe']).toBe('not set');
      const saved = settings.clusters[1]!; // /dev/zero
      const tested = await h.core.dispatch('settings:testConnection', { cluster: saved });
      expect(tested).toMatchObject({
        ok: false,
        error: {
          kind: 'config',
          message: 'CA certificate /dev/zero cannot be read (is a character device, not a regular file)',
        },
      });
      // The page names files no saved cluster names: it learns that they could not be used, never why (a FIFO, a
      // device, missing), so it cannot probe this machine's files through the app.
      const unsaved = path.join(dir, 'unsaved');
      mkdirSync(unsaved);
      const fifo2 = path.join(unsaved, 'fifo');
      execFileSync('mkfifo', [fifo2]);
      for (const file of [fifo2, '/dev/null', path.join(unsaved, 'missing.pem'), unsaved]) {
        for (const tls of [{ caCert: file }, { clientCert: file, clientKey: file }]) {
          const probe = { ...saved, id: 'new', tls: { skipVerify: false, ...tls } };
          const answer = await h.core.dispatch('settings:testConnection', { cluster: probe });
          expect(answer).toEqual({
            ok: false,
            error: {
              kind: 'config',
              message:
                'These settings could not be used. They name a TLS file that is not saved yet: save the cluster to see why.',
            },
          });
        }
      }
    } finally {
      await h.close();
    }
  });

  it('CLI: status exits 78 with one clear line per hostile file, no abort, no hang', async () => {
    const config = tempConfigDir();
    const clusters = [
      ...HOSTILE.map(([, file], i) => ({
        id: `ca${i}`,
        name: `ca${i}`,
        addresses: [url],
        tls: { caCert: file },
      })),
      { id: 'pipe', name: 'pipe', addresses: [url], token: { source: 'file', path: fifo } },
    ];
    writeFileSync(path.join(config, 'settings.json'), JSON.stringify({ schemaVersion: 1, clusters }));
    const [all, adHoc] = await Promise.all([
      runCli(['status'], cleanEnv({ NOMAD_TRAY_CONFIG_DIR: config })),
      runCli(['status', '--address', 'https://127.0.0.1:1', '--ca-cert', zeroLink], cleanEnv()),
    ]);
    for (const r of [all, adHoc]) {
      expect(r.stderr).not.toMatch(/bad_alloc|Aborted|at .*\.ts:\d+/);
      expect(r.code).toBe(78); // EX_CONFIG: the settings (or a flag) name an unusable file
    }
    const out = all.stdout + all.stderr;
    HOSTILE.forEach((_, i) => expect(out).toContain(caReason(i).replace(/^settings: /, '')));
    expect(out).toContain(`could not read token file ${fifo}: is a FIFO, not a regular file`);
    // The state line names the problem; the one `error:` line says it in full.
    const errorLines = adHoc.stdout.split('\n').filter((l) => l.trim().startsWith('error:'));
    expect(errorLines).toEqual([
      `  error: CA certificate ${zeroLink} cannot be read (is a character device, not a regular file)`,
    ]);
  });
});
