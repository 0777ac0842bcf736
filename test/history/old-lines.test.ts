/**
 * history.jsonl written before events carried structured fields (role, detector key, cause) still loads: every
 * old line is read, none is skipped, and new lines with the fields sit beside them in one file.
 */
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createHistory } from '../../main/core/history/index.js';
import { tempDir } from './helpers.js';

const FIXTURE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'history-before-structured-events.jsonl',
);

describe('history lines from before structured events', () => {
  it('load unchanged, alongside new lines with role, key and cause', async () => {
    const dir = await tempDir();
    await copyFile(FIXTURE, path.join(dir, 'history.jsonl'));
    const history = createHistory({ dir, clock: () => 1733300400000 });
    const appended = await history.append({
      time: 1733300360000,
      clusterId: 'prod',
      cluster: 'Production',
      type: 'auth-failed',
      from: 'ok',
      to: 'forbidden',
      severity: 'critical',
      message: 'ACL token refused (403 Permission denied)',
      key: 'reachability',
      cause: '403 Permission denied',
    });
    expect(appended.ok).toBe(true);

    const page = await history.list();
    if (!page.ok) throw new Error(page.error);
    expect(page.value.skipped).toBe(0);
    const oldLines = (await readFile(FIXTURE, 'utf8')).trim().split('\n');
    expect(page.value.events).toHaveLength(oldLines.length + 1);
    const [newest, ...old] = page.value.events;
    expect(newest).toMatchObject({ key: 'reachability', cause: '403 Permission denied' });
    expect(old.reverse()).toEqual(oldLines.map((l) => JSON.parse(l) as unknown));
    const md = await history.exportMarkdown();
    expect(md.ok && md.value).toContain('server health check failing');
  });
});
