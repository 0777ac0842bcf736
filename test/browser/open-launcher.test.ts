/**
 * Opening the browser: the tokened URL never reaches the opener's argv (it goes into a private 0600 launcher
 * file that redirects to it), and each platform's opener gets one normalised href without any shell.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launcherHtml, openAppUrl, openerFor, openUrl } from '../../main/browser/open.js';
import type { Spawner } from '../../main/browser/open.js';

const TOKEN = 'tok_ABCdef-0123456789_secretsecret';
const APP_URL = `http://127.0.0.1:4646/#token=${TOKEN}`;
let base: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'nomad-tray-open-test-'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/** A spawner that records what would have run. */
function recording(): { calls: Array<{ cmd: string; args: readonly string[] }>; spawner: Spawner } {
  const calls: Array<{ cmd: string; args: readonly string[] }> = [];
  return { calls, spawner: (cmd, args) => (calls.push({ cmd, args }), Promise.resolve()) };
}

describe('openerFor', () => {
  it('builds a shell-free argv with the normalised href per platform', () => {
    const url = new URL('https://x.example/&calc');
    expect(openerFor('win32', url)).toEqual({
      cmd: 'rundll32',
      args: ['url.dll,FileProtocolHandler', 'https://x.example/&calc'],
    });
    expect(openerFor('darwin', url)).toEqual({ cmd: 'open', args: ['https://x.example/&calc'] });
    expect(openerFor('linux', url)).toEqual({ cmd: 'xdg-open', args: ['https://x.example/&calc'] });
    expect(openerFor('win32', new URL('HTTPS://X.example/a b"c')).args[1]).toBe(
      'https://x.example/a%20b%22c',
    );
  });

  it('never runs cmd (or any shell) on Windows, and refuses what is not a URL', async () => {
    const { calls, spawner } = recording();
    expect((await openUrl('win32', 'https://x.example/&calc', spawner)).ok).toBe(true);
    expect(calls).toEqual([
      { cmd: 'rundll32', args: ['url.dll,FileProtocolHandler', 'https://x.example/&calc'] },
    ]);
    expect(await openUrl('win32', 'not a url & calc', spawner)).toEqual({
      ok: false,
      error: 'not a valid URL',
    });
    expect(calls).toHaveLength(1);
  });
});

describe('openAppUrl', () => {
  it.each(['linux', 'darwin', 'win32'] as const)(
    'on %s opens a 0600 launcher file, never the tokened URL',
    async (platform) => {
      const { calls, spawner } = recording();
      const opened = await openAppUrl({ platform, url: APP_URL, baseDir: base, spawner });
      if (!opened.ok) throw new Error(opened.error);
      expect(calls).toHaveLength(1);
      const argv = [calls[0]?.cmd ?? '', ...(calls[0]?.args ?? [])].join(' ');
      expect(argv).not.toContain(TOKEN);
      const href = calls[0]?.args.at(-1) ?? '';
      expect(href.startsWith('file://')).toBe(true);
      expect(fileURLToPath(href)).toBe(opened.value.file);

      const info = await stat(opened.value.file);
      const dirInfo = await stat(path.dirname(opened.value.file));
      if (process.platform !== 'win32') {
        expect(info.mode & 0o777).toBe(0o600);
        expect(dirInfo.mode & 0o777).toBe(0o700);
      }
      const html = await readFile(opened.value.file, 'utf8');
      expect(html).toContain(APP_URL);
      expect(html).toBe(launcherHtml(APP_URL));
      expect(html).toMatch(/http-equiv="refresh"/);

      await opened.value.remove();
      await expect(stat(path.dirname(opened.value.file))).rejects.toThrow();
    },
  );

  it('removes the launcher when the opener cannot be started', async () => {
    const failing: Spawner = () => Promise.reject(new Error('xdg-open could not be started: ENOENT'));
    const opened = await openAppUrl({ platform: 'linux', url: APP_URL, baseDir: base, spawner: failing });
    expect(opened).toEqual({ ok: false, error: 'xdg-open could not be started: ENOENT' });
    expect((await readdir(base)).filter((n) => n.startsWith('nomad-tray-open-'))).toEqual([]);
  });

  it('escapes the URL in the launcher page', () => {
    const html = launcherHtml('http://127.0.0.1:1/#token="><script>x</script>');
    expect(html).not.toContain('"><script>x');
    expect(html).toContain('&#34;&#62;&#60;script&#62;');
  });
});
