/**
 * Two real processes (think `nomad-tray watch` and the app) append to one history.jsonl while compactions
 * rewrite it: no fresh event is lost, every line is whole, and the old events the compactions drop are the
 * only ones missing.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHistory } from '../../main/core/history/history.js';
import { ROOT, runNode } from '../cli/run-cli.js';
import type { CliResult } from '../cli/run-cli.js';
import { useTempDirs } from '../support/tmp.js';

const newDir = useTempDirs('history-two');
const WRITER = path.join(ROOT, 'test', 'history', 'writer-process.ts');
const COUNT = 150;

function writer(dir: string, label: string): Promise<CliResult> {
  return runNode(['--import', 'tsx', WRITER, dir, label, String(COUNT)], process.env);
}

describe('history with two writer processes', () => {
  it('appends from both survive compactions by either', { timeout: 180_000 }, async () => {
    const dir = await newDir();
    const results = await Promise.all([writer(dir, 'a'), writer(dir, 'b')]);
    for (const r of results) expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const text = await readFile(path.join(dir, 'history.jsonl'), 'utf8');
    const { lines, skipped } = parseHistory(text);
    expect(skipped).toBe(0);
    const messages = new Set(lines.map((l) => l.event.message));
    const missing: string[] = [];
    for (const label of ['a', 'b'])
      for (let n = 0; n < COUNT; n++) if (!messages.has(`${label}-${n}`)) missing.push(`${label}-${n}`);
    expect(missing).toEqual([]);
    expect(lines.filter((l) => !l.event.message.startsWith('old-'))).toHaveLength(2 * COUNT); // no duplicates
    // Compactions did run: of the 2 × COUNT / 4 old events appended, each compaction dropped those it saw.
    const oldLeft = lines.filter((l) => l.event.message.startsWith('old-')).length;
    expect(oldLeft).toBeLessThan(COUNT / 4);
    expect((await readdir(dir)).sort()).toEqual(['history.jsonl']); // no lock or temp file left
  });
});
