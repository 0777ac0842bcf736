/** Command-line flags of the browser shell (`npm start -- --browser [--no-open] [--port N] [--config DIR]`). */
import type { Result } from '../../common/result.js';
import { err, ok } from '../../common/result.js';

export interface BrowserArgs {
  /** 0 = an ephemeral port chosen by the OS. */
  port: number;
  open: boolean;
  configDir: string | null;
}

/** Parses the flags; `--browser` (start.mjs's own flag) is accepted and ignored. Pure. */
export function parseBrowserArgs(argv: readonly string[]): Result<BrowserArgs, string> {
  const out: BrowserArgs = { port: 0, open: true, configDir: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--browser':
        break;
      case '--no-open':
        out.open = false;
        break;
      case '--port': {
        const raw = value();
        const port = Number(raw);
        if (raw === undefined || !/^\d+$/.test(raw) || port > 65_535) {
          return err(
            `--port needs a number from 0 to 65535, got ${raw === undefined ? 'nothing' : `"${raw}"`}`,
          );
        }
        out.port = port;
        break;
      }
      case '--config': {
        const dir = value();
        if (dir === undefined || dir.trim() === '') return err('--config needs a directory');
        out.configDir = dir;
        break;
      }
      default:
        return err(`unknown option "${arg}" (known: --browser, --no-open, --port N, --config DIR)`);
    }
  }
  return ok(out);
}
