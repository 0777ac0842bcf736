/**
 * isPidAlive: a killed but never reaped process (a zombie: containers whose PID 1 does not reap orphans keep
 * them) is dead for the lock files, so the next start takes over a crashed instance's lock.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPidAlive, procState } from '../../main/core/settings/store.js';

describe('isPidAlive', () => {
  it('reads the state letter after the command name, whatever the name holds', () => {
    expect(procState('982 (node) Z 1 982 982 0 -1')).toBe('Z');
    expect(procState('77 (a) b (c)) S 1 2 3')).toBe('S');
    expect(procState('garbage')).toBeNull();
  });

  it.skipIf(process.platform !== 'linux')(
    'a live process is alive; a killed, never reaped one (a zombie) is not',
    async () => {
      // sh starts a child, kills it and execs into a sleep that never reaps it: the child stays a zombie.
      const parent = spawn('sh', ['-c', 'sleep 60 & echo $!; kill -9 $!; exec sleep 30'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      try {
        const pid = await new Promise<number>((resolve) =>
          parent.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))),
        );
        await expect
          .poll(() => procState(readFileSync(`/proc/${pid}/stat`, 'utf8')), { timeout: 10_000 })
          .toBe('Z');
        let signalled = true;
        try {
          process.kill(pid, 0);
        } catch {
          signalled = false;
        }
        expect(signalled).toBe(true); // kill(0) alone would call it alive
        expect(isPidAlive(pid)).toBe(false);
        expect(isPidAlive(parent.pid!)).toBe(true);
      } finally {
        parent.kill('SIGKILL');
      }
    },
  );
});
