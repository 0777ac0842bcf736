/** Runs the real CLI as a child process (node + tsx loader) and collects its output. */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRY = path.join(ROOT, 'main/cli/index.ts');

/** A fresh empty config directory. */
export function tempConfigDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'nomad-tray-cli-'));
}

/** Environment without NOMAD_* variables (so the host's never leak in) plus the given ones. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('NOMAD_')) env[k] = v;
  return { ...env, NOMAD_TRAY_CONFIG_DIR: tempConfigDir(), ...extra };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the CLI with argv; the caller reads/controls the process. */
export function spawnCli(
  argv: string[],
  env: NodeJS.ProcessEnv = cleanEnv(),
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', ENTRY, ...argv], { cwd: ROOT, env });
}

/** Runs the CLI to completion. */
export function runCli(argv: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<CliResult> {
  return runNode(['--import', 'tsx', ENTRY, ...argv], env);
}

/** Runs `node <args>` from the repository root to completion, collecting its output. */
export function runNode(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
