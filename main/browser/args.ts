/** Command-line flags of the browser shell (`npm start -- --browser [--no-open] [--port N] [--config DIR]`). */
import { parseArgs } from 'node:util';
import { err, ok, type Result } from '../../common/result.js';

export interface BrowserArgs {
  /** 0 = an ephemeral port chosen by the OS. */
  port: number;
  open: boolean;
  configDir: string | null;
}

/** `--browser` is start.mjs's own flag, accepted and ignored. */
const OPTIONS = {
  browser: { type: 'boolean' },
  'no-open': { type: 'boolean' },
  port: { type: 'string' },
  config: { type: 'string' },
} as const;

/** Parses the flags with `node:util` parseArgs (strict: an unknown flag or a stray word is an error). Pure. */
export function parseBrowserArgs(argv: readonly string[]): Result<BrowserArgs, string> {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS }).values;
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ');
    return err(`${why} (known: --browser, --no-open, --port N, --config DIR)`);
  }
  const port = values.port ?? '0';
  if (!/^\d+$/.test(port) || Number(port) > 65_535) {
    return err(`--port needs a number from 0 to 65535, got "${port}"`);
  }
  if (values.config?.trim() === '') return err('--config needs a directory');
  return ok({ port: Number(port), open: values['no-open'] !== true, configDir: values.config ?? null });
}
