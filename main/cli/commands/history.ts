/** `history [--markdown] [--json]`: the recorded events of the config directory, oldest first. */
import { createHistory } from '../../core/history/index.js';
import type { CliArgs } from '../args.js';
import { eventJson, eventText } from '../format.js';
import type { CliIo } from '../io.js';
import { EXIT } from '../../core/nomad/index.js';

export async function historyCommand(args: CliArgs, dir: string, io: CliIo): Promise<number> {
  const history = createHistory({ dir, clock: Date.now });
  if (args.markdown) {
    const md = await history.exportMarkdown();
    if (md.ok) io.out(md.value.trimEnd());
    else io.err(`Error: ${md.error}`);
    return md.ok ? EXIT.ok : EXIT.problem;
  }
  const page = await history.list();
  if (!page.ok) {
    io.err(`Error: ${page.error}`);
    return EXIT.problem;
  }
  if (page.value.skipped > 0) io.err(`history: ${page.value.skipped} unreadable line(s) skipped`);
  const events = [...page.value.events].reverse();
  if (events.length === 0 && !args.json) io.err(`no events recorded in ${history.path}`);
  for (const e of events) io.out(args.json ? eventJson(e) : eventText(e));
  return EXIT.ok;
}
