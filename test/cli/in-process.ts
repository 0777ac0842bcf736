/** Runs the CLI dispatcher in-process with captured output (fast; the child-process tests cover the real process). */
import { run } from '../../main/cli/run.js';
import { tempConfigDir } from './run-cli.js';

export interface Captured {
  code: number;
  out: string[];
  err: string[];
}

/** One CLI invocation with a fresh config dir and no NOMAD_* variables. */
export async function runInProcess(argv: string[], env: Record<string, string> = {}): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    argv,
    {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { NOMAD_TRAY_CONFIG_DIR: tempConfigDir(), ...env },
    },
    { stopSignal: () => Promise.resolve() },
  );
  return { code, out, err };
}
